package io.alertline.processor.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.alertline.common.record.RecordSigner;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.processor.audit.AuditReport;
import io.alertline.processor.audit.SignatureAudit;
import io.alertline.processor.config.KafkaClientSettings;
import io.alertline.processor.replay.RecordFilter;
import io.alertline.processor.replay.ReplayReport;
import io.alertline.processor.replay.ReplayRequest;
import io.alertline.processor.replay.ReplayService;
import io.alertline.processor.replay.ReplayedRecord;
import io.alertline.processor.replay.ScanRange;
import io.alertline.processor.replay.SkippedCopy;
import io.alertline.processor.replay.TopicScanner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processor jar's operator subcommands ({@code replay}, {@code dead-letters}, {@code verify}),
 * run without starting the service. Configuration is the service's own ({@link CliSettings}:
 * {@code processor.yml} and the environment, so KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC_PREFIX,
 * RECORD_SIGNING_KEY, MAX_BODY_SIZE and the SPRING_KAFKA_* security settings), plus for verify
 * WEBHOOK_SECRET and STANDARD_WEBHOOKS_SECRET. Exit codes: 0 done, 1 failed (or verify found
 * invalid records), 2 usage error.
 *
 * <p>A small hand-written parser ({@link CliArgs}) rather than picocli: three subcommands of
 * {@code --name value} options do not repay a dependency in the service's jar, and usage
 * errors and exit codes stay exactly as documented.
 */
public final class AdminCli {

    public static final Set<String> COMMANDS = Set.of("replay", "dead-letters", "verify");

    static final String USAGE = """
            usage:
              replay (--all | [--category C]... [--from INSTANT] [--to INSTANT] [--partition P [--from-offset N]
                     [--to-offset M]] [--alertname A] [--fingerprint F] [--request-id R])
                     [--include-replays] [--force] [--dry-run] [--actor NAME] [--json]
                  Re-publish category records; with --force the processor re-does their work (dedup bypassed),
                  without it dedup still applies. --dry-run lists what would be replayed and changes nothing.
                  Without a criterion it needs --all. Copies made by earlier replays and re-drives are left
                  out unless --include-replays. Copies Kafka refuses (too large, ...) are skipped and listed.
              dead-letters list [--category C] [--request-id R] [--reason X] [--alertname A] [--limit N]
                     [--include-redriven] [--json]
              dead-letters redrive --category C (--all | --request-id R | --reason X | --alertname A
                     | --partition P [--from-offset N] [--to-offset M] | --from/--to) [--include-redriven] [--dry-run]
                     [--actor NAME] [--json]
                  Send dead letters back to their category topic after a fix; channels that already
                  succeeded are not contacted again. Dead letters an earlier re-drive already sent back
                  are left out of both (their copy was processed, or dead-lettered again as a new one)
                  unless --include-redriven.
              verify [--category C]... [--from INSTANT] [--to INSTANT] [--request-id R] [--json]
                  Re-check every record's sender signature and the ingest's record signature.
            environment: KAFKA_BOOTSTRAP_SERVERS (127.0.0.1:29092), KAFKA_TOPIC_PREFIX (alerts), RECORD_SIGNING_KEY,
                         MAX_BODY_SIZE (1MB, sizes the copies), WEBHOOK_SECRET and STANDARD_WEBHOOKS_SECRET (verify),
                         Kafka security as for the service: SPRING_KAFKA_SECURITY_PROTOCOL,
                         SPRING_KAFKA_PROPERTIES_SASL_MECHANISM, SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG,
                         SPRING_KAFKA_SSL_TRUST_STORE_LOCATION / _PASSWORD / _TYPE, SPRING_KAFKA_SSL_KEY_STORE_* (mTLS)
            """;

    private static final String CLIENT_ID = "alertline-admin";
    private static final Set<String> VALUED = Set.of("category", "from", "to", "partition", "from-offset", "to-offset",
            "alertname", "fingerprint", "request-id", "reason", "limit", "actor");
    private static final Set<String> FLAGS = Set.of("force", "dry-run", "json", "all", "include-replays",
            "include-redriven", "help");

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private CliSettings settings;
    private KafkaClientSettings kafka;

    public AdminCli(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public int run(String[] argv) {
        try {
            List<String> rest = new ArrayList<>(Arrays.asList(argv).subList(1, argv.length));
            CliArgs args = new CliArgs(rest, VALUED, FLAGS);
            if (args.flag("help")) {
                out.print(USAGE);
                return 0;
            }
            return switch (argv[0]) {
                case "replay" -> replay(args);
                case "dead-letters" -> deadLetters(args);
                case "verify" -> verify(args);
                default -> throw new CliArgs.UsageException("unknown command " + argv[0]);
            };
        } catch (CliArgs.UsageException | IllegalArgumentException e) {
            err.println(FailureMessage.redact("error: " + e.getMessage(), kafka));
            err.print(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println(FailureMessage.of(e, kafka));
            return 1;
        }
    }

    private int replay(CliArgs args) {
        if (!args.positional().isEmpty()) {
            throw new CliArgs.UsageException("unexpected argument " + args.positional().get(0));
        }
        // Built before anything connects to Kafka: a request without criteria is a usage error.
        ReplayRequest request = new ReplayRequest(categories(args), range(args), filter(args), args.flag("all"),
                args.flag("include-replays"), args.flag("force"), args.flag("dry-run"), actor(args));
        ReplayReport report = service().replay(request);
        print(report, args.flag("json"));
        return 0;
    }

    private int deadLetters(CliArgs args) {
        String action = args.positional().isEmpty() ? "list" : args.positional().get(0);
        ReplayReport report;
        if ("list".equals(action)) {
            List<Category> categories = categories(args);
            int limit = args.integer("limit") == null ? 1000 : args.integer("limit");
            report = service().deadLetters(categories.isEmpty() ? null : categories.get(0), filter(args), limit,
                    args.flag("include-redriven"));
        } else if ("redrive".equals(action)) {
            List<Category> categories = categories(args);
            if (categories.size() != 1) {
                throw new CliArgs.UsageException("dead-letters redrive needs exactly one --category");
            }
            report = service().redrive(categories.get(0), range(args), filter(args), args.flag("all"),
                    args.flag("include-redriven"), args.flag("dry-run"), actor(args));
        } else {
            throw new CliArgs.UsageException("dead-letters takes list or redrive, not " + action);
        }
        print(report, args.flag("json"));
        return 0;
    }

    private int verify(CliArgs args) {
        TopicNames topics = topics();
        SignatureAudit audit = new SignatureAudit(new TopicScanner(kafka().consumer(CLIENT_ID)), topics, signer(),
                list(env.get("WEBHOOK_SECRET")), list(env.get("STANDARD_WEBHOOKS_SECRET")), Clock.systemUTC());
        AuditReport report = audit.verify(categories(args), range(args), filter(args));
        if (args.flag("json")) {
            out.println(json.writeValueAsString(report));
        } else {
            out.printf("records %d, valid %d, invalid %d, unsigned %d%n", report.records(), report.valid(),
                    report.invalid(), report.unsigned());
            for (AuditReport.Failure f : report.failures()) {
                out.printf("INVALID %s-%d@%d request %s: %s%n", f.topic(), f.partition(), f.offset(), f.requestId(),
                        f.problem());
            }
        }
        return report.invalid() == 0 ? 0 : 1;
    }

    private void print(ReplayReport report, boolean asJson) {
        if (asJson) {
            out.println(json.writeValueAsString(report));
            return;
        }
        String verb = switch (report.operation()) {
            case "replay" -> report.dryRun() ? "would replay" : "replayed";
            case "redrive" -> report.dryRun() ? "would re-drive" : "re-drove";
            default -> "dead letters:";
        };
        out.printf("%s %d record(s)%s%n", verb, report.count(),
                report.id() == null || report.dryRun() ? "" : " (id " + report.id() + ", mode " + report.mode() + ")");
        for (ReplayedRecord r : report.records()) {
            out.printf("  %s-%d@%d %s request %s alerts %s%s%n", r.topic(), r.partition(), r.offset(), r.timestamp(),
                    r.requestId(), r.alertnames(), r.reason() == null ? ""
                            : " reason " + r.reason() + " channel " + r.channel() + " attempts " + r.attempts()
                                    + " (" + r.exception() + ") -> " + r.targetTopic()
                                    + (r.redrivenBy() == null ? "" : " [re-driven by " + r.redrivenBy() + "]"));
        }
        for (SkippedCopy s : report.skipped() == null ? List.<SkippedCopy>of() : report.skipped()) {
            out.printf("  SKIPPED %s-%d@%d request %s: %s (%s)%n", s.topic(), s.partition(), s.offset(), s.requestId(),
                    s.reason(), s.detail());
        }
        if (report.replayCopiesExcluded() != null && report.replayCopiesExcluded() > 0) {
            out.printf("left out %d replay copies (--include-replays to replay them too)%n",
                    report.replayCopiesExcluded());
        }
        if (report.redrivenExcluded() != null && report.redrivenExcluded() > 0) {
            out.printf("left out %d dead letter(s) already re-driven (--include-redriven to show them)%n",
                    report.redrivenExcluded());
        }
        if (report.note() != null) {
            out.println(report.note());
        }
    }

    private ReplayService service() {
        // No registry to scrape in a one-shot tool: skipped copies are in the report and its output.
        return new ReplayService(kafka(), CLIENT_ID, topics(), signer(), settings().shared().recordBudget(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    /** Loaded on first use, so a usage error is reported before any configuration is read. */
    private CliSettings settings() {
        if (settings == null) {
            settings = CliSettings.load(env);
        }
        return settings;
    }

    private KafkaClientSettings kafka() {
        if (kafka == null) {
            kafka = settings().kafka();
        }
        return kafka;
    }

    private TopicNames topics() {
        return settings().shared().topicNames();
    }

    private RecordSigner signer() {
        return settings().signer();
    }

    /**
     * Who is doing it, for the audit entry: {@code --actor}, else the operating system's name for
     * the user running the command ({@code user.name}, from the process's uid, not from a
     * variable anyone can set or leave out). When the JVM cannot tell, the caller must say.
     */
    private static String actor(CliArgs args) {
        String actor = args.value("actor");
        if (actor != null && !actor.isBlank()) {
            return actor;
        }
        String osUser = System.getProperty("user.name", "");
        if (osUser.isBlank() || "?".equals(osUser)) {
            throw new CliArgs.UsageException("cannot tell who you are from the operating system: pass --actor NAME");
        }
        return osUser;
    }

    private static List<Category> categories(CliArgs args) {
        return args.all("category").stream().map(Category::fromId).toList();
    }

    private static ScanRange range(CliArgs args) {
        return new ScanRange(args.instant("from"), args.instant("to"), args.integer("partition"),
                args.longValue("from-offset"), args.longValue("to-offset"));
    }

    private static RecordFilter filter(CliArgs args) {
        return new RecordFilter(args.value("request-id"), args.value("alertname"), args.value("fingerprint"),
                args.value("reason"));
    }

    private static List<String> list(String value) {
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
