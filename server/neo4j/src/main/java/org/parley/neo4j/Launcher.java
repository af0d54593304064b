package org.parley.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.Config;
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
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

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
 * <p>Authentication is on (issue 12, "no open door": loopback alone let any local process of any user in). The
 * password of the user {@code neo4j} is read from {@code --password-file} (the parent generates it once per data
 * folder and keeps it readable by its owner only) and handed to Neo4j as its initial password, the way
 * {@code neo4j-admin dbms set-initial-password} does ({@code data/dbms/auth.ini}): Neo4j creates the user with it
 * in a new data folder, and in a folder created before auth was turned on (whose {@code neo4j} user still has
 * the default password {@code neo4j}) it updates the password at start. Either way no connection is ever
 * accepted with the default password. {@code LOAD CSV} may not read files ({@code allow_file_urls} false) nor
 * any network address (every IPv4 and IPv6 range is in {@code cypher_ip_blocklist}): Parley never needs it.
 * Heap size is set by the JVM flags (-Xmx).
 *
 * <p>Exit codes: 0 clean stop, 2 bad arguments, 3 port in use, 4 data directory locked,
 * 1 any other start failure.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final String USAGE = "usage: Launcher --port <1-65535> --data-dir <path> --password-file <path>"
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
        String passwordFile = opts.get("password-file");
        if (passwordFile == null || passwordFile.isBlank()) {
            fail(2, "--password-file is required\n" + USAGE);
        }
        String password;
        try {
            password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            fail(2, "cannot read the password file " + passwordFile + ": " + e.getMessage());
            return;
        }
        if (password.length() < 8) {
            fail(2, "the password in " + passwordFile + " must be at least 8 characters");
        }

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
            writeInitialPassword(home, password);
        } catch (Exception e) {
            fail(1, "could not write the initial password (data/dbms/auth.ini): " + rootMessage(e));
        }

        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, txTimeout)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMax)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txGlobalMax)
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    // LOAD CSV FROM 'http://…' (and https, ftp) is refused for every address: Parley never needs
                    // it, and a local process must not make Neo4j fetch from the network. (Internal setting:
                    // checked at compile time against the pinned 5.26 jars.)
                    .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                            List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
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
            syncPassword(password);
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

    /**
     * What {@code neo4j-admin dbms set-initial-password} does: {@code <home>/data/dbms/auth.ini} holds the user
     * {@code neo4j} with a salted hash of the password. Neo4j reads it at start when it creates its default user, or
     * when that user still has the default password. Rewritten at every start, so it always matches the file.
     */
    private static void writeInitialPassword(Path home, String password) throws Exception {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
        Path authIni = CommunitySecurityModule.getInitialUserRepositoryFile(config);
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            fs.mkdirs(authIni.getParent());
            if (fs.fileExists(authIni)) {
                fs.deleteFile(authIni);
            }
            FileUserRepository users =
                    new FileUserRepository(fs, authIni, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            users.create(new User("neo4j", null,
                    SystemGraphCredential.createCredentialForPassword(
                            password.getBytes(StandardCharsets.UTF_8), new SecureHasher()),
                    false, false));
            users.shutdown();
        }
    }

    /**
     * The password file is the truth: auth.ini only replaces the default password, so a {@code neo4j} user whose
     * password was changed another way (or a password file written anew) is set to the file's password here, run
     * as the embedded API's own unrestricted user on the system database. Neo4j refuses to set the same password
     * again; that is the usual case and fine.
     */
    private static void syncPassword(String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            String message = String.valueOf(rootMessage(e));
            if (!message.toLowerCase().contains("same")) {
                System.err.println("PARLEY_NEO4J_WARNING could not set the password of neo4j: " + message);
            }
        }
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
                case "--port", "--data-dir", "--password-file", "--pagecache", "--tx-timeout", "--tx-max", "--tx-global-max",
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
