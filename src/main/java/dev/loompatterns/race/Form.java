package dev.loompatterns.race;

import java.util.List;
import java.util.concurrent.Callable;

/** What every mode implements: asks every mirror at once and returns the first answer that succeeds. */
interface Form {

    /**
     * @return the first successful answer
     * @throws Exception if every mirror failed (or the caller was interrupted); in every case no
     *                   mirror is still running when this returns or throws
     */
    String race(List<Callable<String>> mirrors) throws Exception;
}
