package org.parley.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community 5.26 in-process with a Bolt connector on 127.0.0.1 only.
 *
 * <p>Protocol with the parent process (server/src/neo4j/local.ts):
 * <ul>
 *   <li>stdout: exactly one {@code PARLEY_NEO4J_READY bolt://127.0.0.1:<port>} line once the
 *       default database is available, and {@code PARLEY_NEO4J_STOPPED} after a clean shutdown.</li>
 *   <li>stderr: {@code PARLEY_NEO4J_ERROR <message>} before a non-zero exit.</li>
 *   <li>SIGTERM (or stdin EOF with {@code --stop-on-stdin-eof}) shuts the DBMS down cleanly.</li>
 *   <li>{@code --delete-data-dir-on-exit} (throwaway databases) deletes the data dir after that shutdown, so
 *       nothing is left behind even when the parent died without cleaning up.</li>
 * </ul>
 *
 * <p>Authentication is disabled on purpose: the connector is bound to the loopback interface only,
 * so only processes on this machine can reach it. Heap size is set by the JVM flags (-Xmx).
 *
 * <p>Exit codes: 0 clean stop, 2 bad arguments, 3 port in use, 4 data directory locked,
 * 1 any other start failure.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final String USAGE = "usage: Launcher --port <1-65535> --data-dir <path>"
            + " [--pagecache 256m] [--tx-timeout 30s] [--tx-max 256m] [--tx-global-max 512m]"
            + " [--tx-log-size 64m] [--stop-on-stdin-eof] [--delete-data-dir-on-exit]";

    private static volatile DatabaseManagementService dbms;
    private static volatile Path deleteOnExit;

    private Launcher() {}

    public static void main(String[] args) {
        Map<String, String> opts;
        try {
            opts = parseArgs(args);
        } catch (IllegalArgumentException e) {
            fail(2, e.getMessage() + "\n" + USAGE);
            return;
        }

        int port;
        try {
            port = Integer.parseInt(opts.getOrDefault("port", ""));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            fail(2, "--port must be an integer between 1 and 65535\n" + USAGE);
        }
        String dataDirArg = opts.get("data-dir");
        if (dataDirArg == null || dataDirArg.isBlank()) {
            fail(2, "--data-dir is required\n" + USAGE);
        }
        Path home = Path.of(dataDirArg).toAbsolutePath().normalize();

        long pageCache;
        long txMax;
        long txGlobalMax;
        long txLogSize;
        Duration txTimeout;
        try {
            pageCache = SettingValueParsers.BYTES.parse(opts.getOrDefault("pagecache", "256m"));
            txMax = SettingValueParsers.BYTES.parse(opts.getOrDefault("tx-max", "256m"));
            txGlobalMax = SettingValueParsers.BYTES.parse(opts.getOrDefault("tx-global-max", "512m"));
            txLogSize = SettingValueParsers.BYTES.parse(opts.getOrDefault("tx-log-size", "64m"));
            txTimeout = SettingValueParsers.DURATION.parse(opts.getOrDefault("tx-timeout", "30s"));
        } catch (IllegalArgumentException e) {
            fail(2, "bad size or duration: " + e.getMessage() + "\n" + USAGE);
            return;
        }

        // Fail fast with a clear message instead of waiting for the DBMS to start first.
        if (!portIsFree(port)) {
            fail(3, "port " + port + " on " + HOST + " is already in use (is another Neo4j running?)");
        }

        if (opts.containsKey("delete-data-dir-on-exit")) {
            deleteOnExit = home;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "parley-neo4j-shutdown"));

        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, txTimeout)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMax)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txGlobalMax)
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                    // Transaction log files are preallocated at this size (default 256 MiB per database, ~0.5 GB
                    // for a fresh DBMS); Parley's graphs are small, so rotate sooner and keep data dirs lean.
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, txLogSize)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Netty waits for a 5 s quiet period on each of its two event loop groups when Bolt stops,
                    // which made every stop take 10 s. Nothing new arrives once the databases are down, so skip it.
                    // (Internal setting: checked at compile time against the pinned 5.26 jars.)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(Duration.ofMinutes(2).toMillis())) {
                fail(1, "default database did not become available within 2 minutes (see "
                        + home.resolve("logs").resolve("debug.log") + ")");
            }
        } catch (RuntimeException e) {
            if (hasCause(e, BindException.class.getSimpleName(), "Address already in use")) {
                fail(3, "port " + port + " on " + HOST + " is already in use");
            }
            if (hasCause(e, "FileLockException", "locked by another process")) {
                fail(4, "data directory " + home + " is in use by another Neo4j process: "
                        + rootMessage(e));
            }
            fail(1, "Neo4j failed to start: " + rootMessage(e));
        }

        System.out.println("PARLEY_NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();

        if (opts.containsKey("stop-on-stdin-eof")) {
            // The parent keeps our stdin open; EOF means it went away, so do not outlive it.
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.exit(0);
            }, "parley-neo4j-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        // Neo4j's own non-daemon threads keep the JVM alive until a signal arrives.
    }

    private static synchronized void shutdown() {
        DatabaseManagementService service = dbms;
        if (service == null) {
            return;
        }
        dbms = null;
        try {
            service.shutdown();
            System.out.println("PARLEY_NEO4J_STOPPED");
        } catch (RuntimeException e) {
            System.err.println("PARLEY_NEO4J_ERROR shutdown failed: " + rootMessage(e));
        }
        if (deleteOnExit != null) {
            deleteTree(deleteOnExit);
        }
        System.out.flush();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // the parent may be deleting it at the same time; it is a throwaway folder either way
        }
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--stop-on-stdin-eof", "--delete-data-dir-on-exit" -> opts.put(arg.substring(2), "true");
                case "--port", "--data-dir", "--pagecache", "--tx-timeout", "--tx-max", "--tx-global-max",
                        "--tx-log-size" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    opts.put(arg.substring(2), args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return opts;
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // ignore input; we only wait for EOF
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone as well
        }
    }

    /** True if e or one of its causes has the given simple class name or contains the text. */
    private static boolean hasCause(Throwable e, String simpleClassName, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleClassName)) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.toLowerCase().contains(text.toLowerCase())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void fail(int code, String message) {
        System.err.println("PARLEY_NEO4J_ERROR " + message);
        System.err.flush();
        // halt, not exit: a half-started DBMS must not run the shutdown hook and print "stopped".
        Runtime.getRuntime().halt(code);
    }
}
