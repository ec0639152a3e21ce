package dev.loompatterns.pinning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A fresh, uninitialized copy of {@link SlowStaticInit} for one run, defined by a class loader of
 * its own: the first task to touch it runs the sleeping initializer, the others wait for it.
 */
final class ClassInitBlocking implements Blocking {

    private final Class<?> fresh;

    ClassInitBlocking() {
        try {
            fresh = Class.forName(SlowStaticInit.class.getName(), false, new IsolatingLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void block() throws ClassNotFoundException {
        Class.forName(fresh.getName(), true, fresh.getClassLoader()); // BLOCKS-UNTIL: the class is initialized
    }

    /** Defines its own copy of SlowStaticInit and delegates everything else to the parent. */
    private static final class IsolatingLoader extends ClassLoader {

        IsolatingLoader() {
            super("pinning-class-init", SlowStaticInit.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(SlowStaticInit.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
