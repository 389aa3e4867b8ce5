package io.riskstream.operator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;

import io.riskstream.platform.RegistryAccess;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.schemas.SchemaCatalog;
import io.riskstream.schemas.Subject;
import io.riskstream.zones.ZoneKeeper;
import io.riskstream.zones.ZoneSettings;

/**
 * Operators' commands of the app jar, run instead of the app when its first argument names one:
 * <pre>
 * java -jar riskstream.jar tail &lt;topic&gt; [--last=10 | --from-beginning] [--follow]
 * java -jar riskstream.jar dead-letters list &lt;input&gt;.dlq [--reason=&lt;code&gt;]
 * java -jar riskstream.jar dead-letters replay &lt;input&gt;.dlq (--all | --reason=&lt;code&gt; | --letters=&lt;p:o,...&gt;) [--dry-run]
 * java -jar riskstream.jar schemas apply
 * java -jar riskstream.jar zones keep [--once]
 * java -jar riskstream.jar backtest (--files=&lt;directory&gt; | --version=&lt;n&gt;) --from=&lt;instant&gt; --to=&lt;instant&gt; [--app=&lt;url&gt;]
 * </pre>
 * They connect as the app does, with its settings ({@link CommandSettings}): any other {@code --name=value} argument
 * is one of those. Records go to standard output as JSON lines; logs and errors to standard error.
 */
public final class OperatorCommands {

    static final String USAGE = """
            usage: java -jar riskstream.jar tail <topic> [--last=10 | --from-beginning] [--follow]
                   java -jar riskstream.jar dead-letters list <input>.dlq [--reason=<code>]
                   java -jar riskstream.jar dead-letters replay <input>.dlq (--all | --reason=<code> | --letters=<partition:offset,...>) [--dry-run]
                   java -jar riskstream.jar schemas apply
                   java -jar riskstream.jar zones keep [--once]
                   java -jar riskstream.jar backtest (--files=<directory> | --version=<n>) --from=<instant> --to=<instant> [--app=http://localhost:8080]
            Settings as the app's (spring.kafka.*, riskstream.kafka.bootstrap-servers, riskstream.registry.*), from the
            environment or as --name=value; see docs/operations.md, "Reading topics and replaying dead letters".""";
    private static final List<String> OPTIONS = List.of("last", "from-beginning", "follow", "reason", "letters", "all",
            "dry-run", "once", "files", "version", "from", "to", "app");

    private OperatorCommands() {
    }

    /** Whether {@code args} name a command rather than the app's own arguments. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && List.of("tail", "dead-letters", "schemas", "zones", "backtest").contains(args[0]);
    }

    /** Runs the command of {@code args}; returns the process's exit code (0 done, 1 failed, 2 misused). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** The same with {@code environment} in place of this process's: where {@code RISKSTREAM_*} settings come from. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> settings = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            String name = arg.substring(2, arg.contains("=") ? arg.indexOf('=') : arg.length());
            if (OPTIONS.contains(name)) {
                options.put(name, arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true");
            } else {
                settings.add(arg);
            }
        }
        try {
            CommandSettings connection = CommandSettings.of(settings, environment);
            return switch (String.join(" ", words.subList(0, Math.min(2, words.size())))) {
                case "dead-letters list" -> {
                    DeadLetterReplay letters = deadLetters(connection);
                    long listed = letters.list(only(words, 2), selection(options, false), out);
                    err.println(listed + " dead letter(s)");
                    yield 0;
                }
                case "schemas apply" -> {
                    if (words.size() != 2) {
                        throw new IllegalArgumentException("schemas apply takes no topic: " + words);
                    }
                    applySchemas(connection, out);
                    yield 0;
                }
                case "zones keep" -> {
                    if (words.size() != 2) {
                        throw new IllegalArgumentException("zones keep takes no topic: " + words);
                    }
                    ZoneSettings zones = connection.zones();
                    try (Admin admin = Admin.create(ZoneKeeper.adminConfig(connection.kafka().admin()))) {
                        ZoneKeeper keeper = new ZoneKeeper(admin, zones, out);
                        if (options.containsKey("once")) {
                            out.println(keeper.checkOnce());
                        } else {
                            keeper.run(() -> false);
                        }
                    }
                    yield 0;
                }
                case "dead-letters replay" -> {
                    DeadLetterReplay letters = deadLetters(connection);
                    DeadLetterReplay.Outcome outcome = letters.replay(only(words, 2), selection(options, true),
                            options.containsKey("dry-run"), out);
                    err.printf("%s %d, already replayed %d, refused %d%n", options.containsKey("dry-run")
                            ? "would replay" : "replayed", outcome.replayed(), outcome.alreadyReplayed(),
                            outcome.refused());
                    yield outcome.refused() > 0 ? 1 : 0;
                }
                case "backtest" -> {
                    Map<String, Object> request = BacktestClient.request(options);
                    CommandSettings.Login admin = connection.rulesAdmin();
                    yield new BacktestClient(java.net.URI.create(options.getOrDefault("app", "http://localhost:8080")),
                            admin.user(), admin.password()).run(request, out, err);
                }
                default -> {
                    if (!words.isEmpty() && words.get(0).equals("tail")) {
                        TopicTail tail = new TopicTail(connection.kafka(), new RecordJson(connection.registry()
                                .genericReader()));
                        tail.run(only(words, 1), options.containsKey("from-beginning"),
                                Long.parseLong(options.getOrDefault("last", "10")), options.containsKey("follow"), out);
                        yield 0;
                    }
                    throw new IllegalArgumentException("unknown command: " + String.join(" ", words));
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        }
    }

    /**
     * The schema catalog this jar was built with, into the registry of the settings: every subject with its history
     * and rules (RegistryRules), authenticated and over TLS as the serdes are.
     */
    private static void applySchemas(CommandSettings connection, PrintStream out) {
        Map<String, String> client = connection.registryClient();
        Map<String, String> headers = RegistryAccess.authorization(client)
                .map(value -> Map.of("Authorization", value)).orElseGet(Map::of);
        RegistryRules rules = new RegistryRules(connection.registryUrl(), headers,
                RegistryAccess.tls(client).orElse(null));
        for (Subject subject : SchemaCatalog.load().subjects()) {
            rules.apply(subject);
            out.printf("%s: %d version(s), COMPATIBILITY %s, VALIDITY %s%n", subject.name(), subject.versions().size(),
                    subject.compatibility(), RegistryRules.VALIDITY_LEVEL);
        }
        out.flush();
    }

    private static DeadLetterReplay deadLetters(CommandSettings connection) {
        return new DeadLetterReplay(connection.kafka(), connection.replicationFactor(),
                new RecordJson(null));
    }

    /** The one word after the command's {@code at} words: its topic. */
    private static String only(List<String> words, int at) {
        if (words.size() != at + 1) {
            throw new IllegalArgumentException("expected one topic after '" + String.join(" ", words.subList(0,
                    Math.min(at, words.size()))) + "', got " + words.subList(Math.min(at, words.size()), words.size()));
        }
        return words.get(at);
    }

    /** The letters the options choose; a replay must choose explicitly, a listing takes all by default. */
    private static DeadLetterReplay.Selection selection(Map<String, String> options, boolean explicit) {
        Optional<String> reason = Optional.ofNullable(options.get("reason"));
        String letters = options.get("letters");
        int given = (reason.isPresent() ? 1 : 0) + (letters != null ? 1 : 0) + (options.containsKey("all") ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("choose the letters one way: --all, --reason or --letters");
        }
        if (explicit && given == 0) {
            throw new IllegalArgumentException("a replay names its letters: --all, --reason=<code> or --letters=...");
        }
        if (letters != null) {
            return DeadLetterReplay.Selection.at(letters);
        }
        return reason.map(code -> new DeadLetterReplay.Selection(Optional.of(code), Set.of()))
                .orElseGet(DeadLetterReplay.Selection::all);
    }
}
