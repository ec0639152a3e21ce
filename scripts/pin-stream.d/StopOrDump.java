/*
 * How long a JFR RecordingStream takes to hand over a pin, by stopping it or from a dump of its
 * recording, at stream ages from 0 to 1,500 ms: the measurement behind PinStream.YOUNG and the cost
 * section of docs/pinning-assertion.md. Each try starts a stream (jdk.VirtualThreadPinned at 0 ms),
 * waits the age, pins once (a virtual thread waits in a class initializer that sleeps 5 ms), then
 * stops the stream or dumps it, and prints the time taken and the pins it got. With `snapshot`, the
 * design before these two: FlightRecorder.takeSnapshot(), dumped to a file and read, as a dump is.
 *
 * Run with a JDK 25 `java`, from the project root:
 *   java scripts/pin-stream.d/StopOrDump.java stop
 *   java scripts/pin-stream.d/StopOrDump.java dump
 *   java scripts/pin-stream.d/StopOrDump.java snapshot
 */
import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.atomic.*;

public class StopOrDump {
    static final AtomicInteger K = new AtomicInteger();
    static native void none();
    public static void main(String[] a) throws Exception {
        if (a.length != 1 || !(a[0].equals("stop") || a[0].equals("dump") || a[0].equals("snapshot"))) {
            System.err.println("usage: java scripts/pin-stream.d/StopOrDump.java stop|dump|snapshot");
            System.exit(2);
        }
        String how = a[0];
        for (long age : new long[]{0, 20, 50, 100, 300, 700, 1500}) {
            for (int rep = 0; rep < 4; rep++) {
                RecordingStream s = new RecordingStream();
                s.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
                s.setMaxAge(Duration.ofDays(1));
                AtomicInteger got = new AtomicInteger();
                s.onEvent("jdk.VirtualThreadPinned", e -> got.incrementAndGet());
                s.startAsync();
                Thread.sleep(age);
                // one pin: a virtual thread blocking in a class initializer
                Thread t = Thread.ofVirtual().start(() -> {
                    try { Class.forName("StopOrDump$Init" + K.getAndIncrement(), true, StopOrDump.class.getClassLoader()); } catch (Exception e) { throw new RuntimeException(e); }
                });
                t.join();
                long t0 = System.nanoTime();
                int n;
                if (how.equals("stop")) {
                    s.stop();
                    n = got.get();
                } else if (how.equals("snapshot")) {
                    try (jdk.jfr.Recording snapshot = jdk.jfr.FlightRecorder.getFlightRecorder().takeSnapshot()) {
                        Path f = Files.createTempFile("d", ".jfr");
                        snapshot.dump(f);
                        n = (int) RecordingFile.readAllEvents(f).stream().filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).count();
                        Files.delete(f);
                    }
                } else {
                    Path f = Files.createTempFile("d", ".jfr");
                    s.dump(f);
                    n = (int) RecordingFile.readAllEvents(f).stream().filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).count();
                    Files.delete(f);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                s.close();
                System.out.printf("%s age %4d ms: %4d ms, pins %d%n", how, age, ms, n);
                Init.reset();
            }
        }
    }
    static class Init0 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init1 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init2 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init3 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init4 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init5 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init6 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init7 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init8 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init9 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init10 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init11 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init12 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init13 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init14 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init15 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init16 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init17 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init18 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init19 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init20 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init21 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init22 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init23 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init24 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init25 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init26 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init27 { static { try { Thread.sleep(5); } catch (InterruptedException e) {} } }
    static class Init { static void reset() {} }
}
