/**
 * {@code url-fetch}: fetch many URLs, with the results in input order.
 *
 * <h2>The problem</h2>
 * The tutorial maps a fetch function over a list of URLs with
 * {@code ThreadPoolExecutor(max_workers=N).map(fetch, urls)}: the work is almost all waiting, the
 * pool size caps how many waits overlap, and the results come back in input order whatever order
 * the responses arrive in.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.urlfetch.PlatformUrlFetch} is the tutorial's form: a fixed pool of
 * {@code workers} platform threads and {@code invokeAll}, whose futures are in input order. With
 * latency L and W workers, N URLs take at least N / W x L.
 * {@link dev.loompatterns.urlfetch.VirtualUrlFetch} gives every URL its own virtual thread
 * ({@code Executors.newThreadPerTaskExecutor} with a factory of virtual threads named as the pool's
 * were, {@code fetch-0}, {@code fetch-1}, ...): the waits all overlap, and the limit
 * becomes the client's CPU. If the server must see at most K requests at once, a semaphore of K
 * permits ({@link dev.loompatterns.urlfetch.InFlightLimit}, {@code -P max-in-flight=K}) says so:
 * limit the resource, never pool virtual threads (JEP 444).
 * {@link dev.loompatterns.urlfetch.StructuredUrlFetch} works in two levels of
 * {@code StructuredTaskScope}: the top scope, named {@code url-fetch}, forks a subtask per group
 * of URLs ({@code -P group-size}), and each group opens its own scope, named
 * {@code url-fetch/group-N}, with a fork per URL; after {@code join()} it reads the subtasks in
 * input order. The two levels are there for the names: a thread dump shows the same tree of scopes
 * as the code. Only under {@code faults-fail-fast} does a failed fetch throw: its group's scope
 * cancels the group's other forks, the group fails, and the top scope cancels the other groups
 * and {@code join()} throws. Otherwise every fork returns its outcome, errors included, and
 * nothing is cancelled.
 *
 * <h2>What changes when migrating</h2>
 * The fetch itself ({@link java.net.http.HttpClient#send}) stays blocking: that is the point of
 * virtual threads. On a virtual thread, a blocking socket read parks the thread and frees the
 * carrier. The pool size disappears as a knob; where it was also a limit on the server, it comes
 * back as a semaphore. The executor is all that changes, and the fetch takes a permit:
 *
 * {@snippet :
 * // before: the pool's size caps how many waits overlap
 * try (ExecutorService executor = Executors.newFixedThreadPool(
 *         workers, Thread.ofPlatform().name("fetch-", 0).factory())) {
 *     return ExecutorFetch.fetchAll(executor, client, uris, client::fetch, onFailure);
 * }
 * // after: a virtual thread per URL, named as the pool's were; a semaphore limits the server's load
 * InFlightLimit limit = new InFlightLimit(maxInFlight);
 * try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
 *         Thread.ofVirtual().name("fetch-", 0).factory())) {
 *     return ExecutorFetch.fetchAll(executor, client, uris, uri -> limit.fetch(client, uri), onFailure);
 * }
 * }
 *
 * <p>The pool size was also, silently, a limit on connections. A pool of 100 reuses 100 kept-alive
 * connections; a virtual thread per request opens a connection per request (measured: about 4,670
 * of them for 5,000 requests), and every one handed back goes into the HTTP client's pool. After
 * warm-up, on 2 cores, that made the virtual form about 2x the pool of 100 rather than more, and a
 * semaphore of 500 permits took it to 3.3x to 3.7x with about 750 connections a run (docs/results.md).
 *
 * <h2>The harness</h2>
 * {@link dev.loompatterns.urlfetch.LatencyServer} listens on 127.0.0.1 only, on an ephemeral
 * port, and answers {@code /item/N} with {@code item-N} after the set latency. It schedules the
 * answer rather than sleeping on a thread per request, so the server adds its dispatcher and a
 * platform thread per core, and no virtual threads, to the run's counts. The client does not: the
 * JDK's {@code HttpClient}, built without an {@code executor(...)} as in E11 and most code, hands its
 * responses to a pool of platform threads of its own ({@code HttpClient-N-Worker-M}), which grows with
 * the requests in flight. So {@code peak_platform_threads} of a virtual or structured run counts them:
 * 85 to 667 in a review's runs of 5,000 requests (2026-12-01), where the virtual threads themselves
 * need none. A client given a virtual-thread executor would not; the pattern keeps the common form. With {@code -P urls=a,b,c} the
 * pattern fetches the user's own URLs instead, and checks that each answered 2xx or 3xx, in order.
 *
 * <h2>The check</h2>
 * One result per URL, in input order, each with the body the server sent for that URL, and the
 * server answered exactly as many requests as there were URLs.
 *
 * <h2>Faults</h2>
 * The variants {@code faults} and {@code faults-fail-fast} start the server with a
 * {@link dev.loompatterns.urlfetch.FaultPlan}: each item, with a chance of {@code -P fault-rate} percent (default
 * 10, drawn by {@code -P fault-seed} and the item's index alone), gets one of
 * {@code -P faults=500,reset,stall,fail}: an answer of 500; the connection cut after half the body
 * ({@code com.sun.net.httpserver} gives a handler no socket, so a true RST with {@code SO_LINGER 0} is
 * out of reach, and this is the closest: the client's read fails mid-answer); no answer until the
 * client's {@code -P timeout-ms} (2000 in these variants; otherwise a
 * backstop of 30,000 plus 10 per request in flight at once, as each may wait behind the others) gives up or the server
 * closes; the connection closed with no answer. The run knows before it starts which URLs will fail
 * and how, so the check compares. Under {@code faults}, the pool and the virtual executor
 * ({@code invokeAll}) and the scope ({@code Joiner.awaitAll()}) hand back every outcome in input
 * order, each failure carrying its error: exactly the faulted URLs must fail, a 500 as HTTP 500, a
 * stall as a timeout, a cut or a close as an I/O error. Under {@code faults-fail-fast}, the scope's
 * default joiner cancels every other fork at the first failure and {@code join} throws it; the
 * executors need a completion service and a cancel loop to do the same ({@code ExecutorFetch}). The
 * check: the failure thrown is a faulted URL's, no fetch is running when the call returns, and no
 * request was waited for: none ended by its timeout with its thread never interrupted had that
 * timeout due more than a second after the first failure and before the form decided to cancel
 * (each form notes that moment; a timeout due first, or after the decision but before the interrupt
 * reached its thread, was not waited for). Which check applies is the variant's promise, not
 * what came back: a fail-fast run that returned every outcome though URLs were faulted fails, and
 * so does a collecting run that threw. A stall costs at most the timeout, and the server closes
 * what it still holds when it closes, so no fault can hang a run.
 *
 * <p>A lesson the fail-fast forms taught: a fork cancelled by the scope (an interrupt in
 * {@code HttpClient.send}) can leave its request open inside the {@code HttpClient} until that
 * request's own timeout, and {@code HttpClient.close()} waits for every request, so closing the
 * client took the whole timeout in 2 to 3 of 100 virtual and structured runs (JDK 25.0.3, measured
 * here). JDK-8316580, "HttpClient with StructuredTaskScope does not close when a task fails", was
 * fixed in JDK 22; this case remains on 25.0.3, and no JDK bug for it was found. When every caller
 * has returned, nothing left in the client is wanted: {@code UrlClient.close()} calls
 * {@code shutdownNow()} first. The same holds for any service that shares one client among forks
 * a failure can cancel.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in a thread before it submits a task to an {@code ExecutorService} happen-before the
 * task begins, and the task's actions happen-before the return of {@code Future.get()} on it
 * ({@code invokeAll}, or the completion service's {@code take().get()}): so the pool and the
 * virtual executor hand back outcomes that are fully written. In the structured form, actions
 * before {@code fork} happen-before the fork, and a fork's actions happen-before {@code join()}
 * returns, at each level of scopes, so {@code Subtask.get()} reads a complete outcome. A
 * {@code Semaphore.release()} by one request happens-before the {@code acquire()} that the next
 * one returns from. The client's counters are atomics updated by the fetching threads, and the
 * executor's {@code close()} or the scope's {@code close()}, which waits for every fetch, orders
 * them before the check. The server's count of answers is not ordered by that close: it is
 * incremented on the server's own threads, which close() does not wait for. The server counts an
 * answer before it sends it, so the answer is the edge: a client that has received a body finds it
 * counted. (The Java memory model names no happens-before edge through a socket; the count's write
 * precedes the write of the answer's bytes, and the client's read of them follows.)
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.urlfetch;
