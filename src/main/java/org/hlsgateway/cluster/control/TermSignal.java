package org.hlsgateway.cluster.control;

/**
 * Traps SIGTERM through {@code sun.misc.Signal}. It lives in a class of its own, loaded only in cluster mode on
 * Payara: WildFly reflects on every method of an EJB at deployment, and a handler lambda inside the EJB would be a
 * method with a {@code sun.misc.Signal} parameter, a class WildFly's deployments cannot see.
 */
public final class TermSignal {

    private TermSignal() {
    }

    /**
     * Runs {@code onTerm} instead of the JVM's shutdown when SIGTERM arrives.
     *
     * @throws LinkageError when this JVM or container has no {@code sun.misc.Signal}
     * @throws IllegalArgumentException when the signal cannot be trapped here
     */
    public static void trap(Runnable onTerm) {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> onTerm.run());
    }
}
