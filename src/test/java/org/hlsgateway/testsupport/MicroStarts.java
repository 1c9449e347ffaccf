package org.hlsgateway.testsupport;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.TestClass;

/**
 * Makes every Payara Micro that Arquillian starts (one per IT class) start the same way, or fail
 * before any test runs with the reason. arquillian-payara-micro-managed 3.1 picks its "random"
 * port as 8080 + a random number below 1000 without checking it is free, adds
 * {@code --autoBindHttp --autoBindRange 1000} by default, passes {@code --nocluster} (which still
 * starts a one-member Hazelcast data grid) where {@code --nohazelcast} starts none, and on undeploy sends SIGTERM without waiting: the next class's server
 * then starts while the last one still shuts down on the same H2 file, FFmpeg work directory and
 * perhaps the same port, and its tests can talk to the wrong server (another server's HTML 404).
 * So, around each deployment:
 * <ul>
 * <li>before: waits until the servers this JVM started earlier have exited; gives the new one a
 * port that is free now, {@code --nohazelcast} and its own runtime directory
 * ({@code target/it/payara}, cleared) instead of {@code /tmp};</li>
 * <li>after: checks that Payara reports the port it was given, that the process listening there is
 * the one just started, and that {@code /health/ready} answers 200 with the gateway's check;</li>
 * <li>after undeploy: waits until that server has exited (it stops its FFmpegs on the way).</li>
 * </ul>
 * A test class's {@link GatewaySettings} become JVM system properties of its server only.
 * arquillian.xml turns off the connector's own random port and autobind.
 */
public class MicroStarts implements LoadableExtension {

    private static final Logger LOG = Logger.getLogger(MicroStarts.class.getName());
    private static final Duration EXIT = Duration.ofSeconds(90);
    private static final Duration READY = Duration.ofSeconds(120);

    @Override
    public void register(ExtensionBuilder builder) {
        // only where Arquillian starts Payara Micro: the WildFly pass has no Payara connector
        if (onClassPath("fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer")) {
            builder.observer(Observer.class);
        }
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, MicroStarts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static class Observer {

        @Inject
        private Instance<ProtocolMetaData> protocolMetaData;

        @Inject
        private Instance<TestClass> testClass;

        private String originalOptions;
        private String originalCmdOptions;
        private int port;
        private ProcessHandle started;

        public void beforeDeploy(@Observes BeforeDeploy event) throws Exception {
            PayaraMicroContainerConfiguration configuration = configuration(event.getDeployableContainer());
            if (configuration == null) {
                return;
            }
            awaitExitOfEarlierServers();
            if (originalOptions == null) {
                originalOptions = configuration.getExtraMicroOptions() == null ? "" : configuration.getExtraMicroOptions();
            }
            Path rootDir = Path.of(System.getProperty("hls.test.dir", "target/it")).resolve("payara").toAbsolutePath();
            deleteTree(rootDir);
            port = freePort();
            configuration.setRandomHttpPort(false);
            configuration.setAutoBindHttp(false);
            // clusterEnabled=false makes the connector pass --nocluster, which still starts a one-member
            // Hazelcast (port 6900 and up); --nohazelcast is the switch that starts none, and wins only alone
            configuration.setClusterEnabled(true);
            configuration.setExtraMicroOptions(originalOptions + " --port " + port + " --nohazelcast --rootdir " + rootDir);
            if (originalCmdOptions == null) {
                originalCmdOptions = configuration.getCmdOptions() == null ? "" : configuration.getCmdOptions();
            }
            configuration.setCmdOptions(originalCmdOptions + settings(testClass.get()));
            LOG.info(() -> "Payara Micro for " + event.getDeployment().getName() + " gets port " + port + " and " + rootDir);
        }

        public void afterDeploy(@Observes AfterDeploy event) throws Exception {
            if (configuration(event.getDeployableContainer()) == null) {
                return;
            }
            started = newestServer().orElseThrow(() -> new IllegalStateException(
                    "Payara Micro for " + event.getDeployment().getName() + " is not running (see its log above)"));
            ProtocolMetaData metaData = protocolMetaData.get();
            HTTPContext http = metaData == null ? null : metaData.getContexts(HTTPContext.class).stream().findFirst().orElse(null);
            if (http == null || http.getPort() != port) {
                throw new IllegalStateException("Payara Micro was given port " + port + " but reports "
                        + (http == null ? "no HTTP context" : "port " + http.getPort()) + ": tests would talk to another server");
            }
            Optional<Long> listener = ListeningProcess.of(port);
            if (listener.isPresent() && listener.get() != started.pid()) {
                throw new IllegalStateException("port " + port + " is answered by process " + listener.get() + " ("
                        + ProcessHandle.of(listener.get()).flatMap(p -> p.info().commandLine()).orElse("?")
                        + "), not by the Payara Micro just started (" + started.pid() + ")");
            }
            awaitReady();
        }

        public void afterUnDeploy(@Observes AfterUnDeploy event) throws Exception {
            if (configuration(event.getDeployableContainer()) != null) {
                awaitExitOfEarlierServers();
            }
        }

        private void awaitReady() throws Exception {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
            long end = System.nanoTime() + READY.toNanos();
            String last = "no answer";
            while (System.nanoTime() < end) {
                if (!started.isAlive()) {
                    throw new IllegalStateException("Payara Micro on port " + port + " exited (see its log above)");
                }
                try {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200 && answer.body().contains("hls-gateway-ready")) {
                        return;
                    }
                    last = answer.statusCode() + " " + answer.body();
                } catch (IOException e) {
                    last = e.toString();
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("the gateway on port " + port + " is not ready after " + READY.toSeconds()
                    + " s: /health/ready answered " + last);
        }
    }

    /** The test class's {@link GatewaySettings} as JVM options ({@code -DNAME=value} each); empty without them. */
    static String settings(TestClass test) {
        GatewaySettings settings = test == null ? null : test.getJavaClass().getAnnotation(GatewaySettings.class);
        if (settings == null) {
            return "";
        }
        StringBuilder options = new StringBuilder();
        for (String setting : settings.value()) {
            if (!setting.matches("[A-Z][A-Z0-9_]*=\\S+")) {
                throw new IllegalArgumentException("@GatewaySettings takes NAME=value without blanks, not '" + setting + "'");
            }
            options.append(" -D").append(setting);
        }
        return options.toString();
    }

    private static PayaraMicroContainerConfiguration configuration(DeployableContainer<?> container) throws Exception {
        if (!(container instanceof PayaraMicroDeployableContainer)) {
            return null; // another container (WildFly): nothing to do
        }
        Field field = PayaraMicroDeployableContainer.class.getDeclaredField("configuration");
        field.setAccessible(true);
        return (PayaraMicroContainerConfiguration) field.get(container);
    }

    /** Payara Micro processes that Arquillian started from this JVM (its deployments live in arquillian-payara-micro*). */
    private static List<ProcessHandle> arquillianServers() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains("payara-micro") && c.contains("arquillian-payara-micro")).orElse(false))
                .toList();
    }

    private static Optional<ProcessHandle> newestServer() {
        return arquillianServers().stream().filter(ProcessHandle::isAlive)
                .max(Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.MIN)));
    }

    private static void awaitExitOfEarlierServers() throws Exception {
        for (ProcessHandle server : arquillianServers()) {
            try {
                server.onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warning(() -> "Payara Micro " + server.pid() + " did not exit within " + EXIT.toSeconds() + " s of SIGTERM; killing it");
                server.destroyForcibly();
                server.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
