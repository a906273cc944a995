import java.lang.reflect.Method;
import java.util.*;
import java.util.concurrent.*;
import io.micrometer.core.instrument.*;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's pure hot-path changes, before vs after, in one JVM, interleaved (so load from
 * elsewhere on the machine falls on both alike); wall ns per op over N threads. Not JMH: the
 * ingest's classes are package-private and not on the benchmarks module's class path, so this
 * runs against the ingest's own jar, reaching them by reflection (a constant cost on "after").
 *
 *   mvn -q -DskipTests package -pl ingest-service -am
 *   d=$(mktemp -d) && (cd "$d" && unzip -q "$OLDPWD"/ingest-service/target/ingest-service-*-exec.jar 'BOOT-INF/*')
 *   java -cp "$d/BOOT-INF/classes:$d/BOOT-INF/lib/*" scripts/bench/HotPathTiming.java 2
 */
public class HotPathTiming {
    static volatile Object sink;
    public static void main(String[] a) throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        Class<?> answer = Class.forName("io.alertline.ingest.web.AcceptedAnswer");
        Method json = answer.getDeclaredMethod("json", String.class, List.class, String.class, int.class, long.class);
        json.setAccessible(true);
        // the request-id variant that was tried and reverted: one SecureRandom (DRBG) per thread
        ThreadLocal<java.security.SecureRandom> drbg = ThreadLocal.withInitial(() -> {
            try { return java.security.SecureRandom.getInstance("DRBG"); } catch (Exception e) { throw new IllegalStateException(e); }
        });
        List<String> names = List.of("HighCPUUsage", "DiskAlmostFull", "NodeDown", "GPUTemperatureHigh", "DatabaseReplicationLag");
        String rid = UUID.randomUUID().toString();
        MeterRegistry reg = new SimpleMeterRegistry();
        Meter.MeterProvider<Counter> provider = Counter.builder("alertline.ingest.requests").withRegistry(reg);
        String[] paths = {"/webhook", "/webhook/gpu", "/webhook/ai", "/webhook/database"};
        int[] statuses = {200, 400, 401, 413, 429, 431, 503};
        Counter[][] cached = new Counter[4][7];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 7; j++) cached[i][j] = provider.withTags(Tags.of("endpoint", paths[i], "status", Integer.toString(statuses[j])));
        List<Integer> answered = List.of(200, 400, 401, 413, 429, 431, 503);

        Map<String, Callable<Object>> cases = new LinkedHashMap<>();
        cases.put("answer: LinkedHashMaps + Jackson (before)", () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "success"); body.put("processed", names.size()); body.put("request_id", rid);
            body.put("alerts", names.stream().map(n -> { Map<String, Object> m = new LinkedHashMap<>(); m.put("alertname", n); m.put("status", "accepted"); return m; }).toList());
            body.put("topic", "alerts.generic"); body.put("partition", 1); body.put("offset", 123456789L);
            return mapper.writeValueAsBytes(body);
        });
        cases.put("answer: AcceptedAnswer.json (after)", () -> json.invoke(null, rid, names, "alerts.generic", 1, 123456789L));
        int[] k = {0};
        cases.put("request counter: provider.withTags(Tags.of(..)) (before)", () -> { int i = (k[0]++) & 3; Counter c = provider.withTags(Tags.of("endpoint", paths[i], "status", Integer.toString(200))); c.increment(); return c; });
        cases.put("request counter: array, indexOf(status) (after)", () -> { int i = (k[0]++) & 3; int s = answered.indexOf(200); Counter c = cached[i][s]; c.increment(); return c; });
        cases.put("request id: UUID.randomUUID() (before)", () -> UUID.randomUUID().toString());
        cases.put("request id: per-thread DRBG (tried, reverted)", () -> {
            byte[] b = new byte[16]; drbg.get().nextBytes(b); b[6] = (byte) ((b[6] & 0x0f) | 0x40); b[8] = (byte) ((b[8] & 0x3f) | 0x80);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b); return new UUID(bb.getLong(), bb.getLong()).toString();
        });

        int threads = a.length > 0 ? Integer.parseInt(a[0]) : 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int round = 0; round < 6; round++) {
            for (var e : cases.entrySet()) {
                int ops = 200_000;
                long t0 = System.nanoTime();
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) fs.add(pool.submit(() -> { for (int i = 0; i < ops; i++) sink = e.getValue().call(); return null; }));
                for (Future<?> f : fs) f.get();
                long ns = System.nanoTime() - t0;
                if (round >= 3) System.out.printf(Locale.ROOT, "round %d %-58s %8.0f ns/op wall (%d threads)%n", round, e.getKey(), (double) ns / ops, threads);
            }
        }
        pool.shutdown();
    }
}
