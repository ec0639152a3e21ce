package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.List;

/** Fetches every URL and returns the outcomes in input order, as {@code executor.map} does. */
interface Fetcher {

    List<Fetched> fetchAll(UrlClient client, List<URI> uris) throws Exception;
}
