import java.io.File;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/** JDK Mission Control's parser on the same file: what opening it in JMC costs before any view. */
public class JmcLoad {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        IItemCollection events = JfrLoaderToolkit.loadEvents(new File(args[0]));
        System.out.printf("JMC loaded %s in %.2f s%n", events.hasItems() ? "events" : "nothing", (System.nanoTime() - start) / 1e9);
    }
}
