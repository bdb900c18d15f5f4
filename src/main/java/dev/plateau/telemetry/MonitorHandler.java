package dev.plateau.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.collector.Policies;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Routes of the {@link MonitorServer}. One instance per connection; the request is released by
 * {@link SimpleChannelInboundHandler}, responses own a fresh buffer that Netty releases after writing.
 */
final class MonitorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON_TYPE = "application/json";

    private final Supplier<Collector> collector;
    private final Sampler sampler;

    MonitorHandler(Supplier<Collector> collector, Sampler sampler) {
        this.collector = collector;
        this.sampler = sampler;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
        String path = req.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        Reply reply = switch (path) {
            case "/api/v1/health" -> get(req, () -> new Reply(HttpResponseStatus.OK, TEXT, "ok\n"));
            case "/api/v1/metrics" -> get(req, this::metricsJson);
            case "/api/v1/metrics/prometheus", "/api/v2/metrics/prometheus" -> get(req, this::prometheus);
            case "/api/v1/connections" -> get(req, this::connections);
            case "/api/v1/policies" -> policies(req);
            default -> error(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path);
        };
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status,
                Unpooled.copiedBuffer(reply.body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType);
        HttpUtil.setContentLength(res, res.content().readableBytes());
        HttpUtil.setKeepAlive(res, HttpUtil.isKeepAlive(req));
        ctx.writeAndFlush(res);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private record Reply(HttpResponseStatus status, String contentType, String body) {
    }

    private interface Body {
        Reply make() throws Exception;
    }

    private static Reply get(FullHttpRequest req, Body body) throws Exception {
        if (!HttpMethod.GET.equals(req.method())) {
            return error(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
        }
        return body.make();
    }

    private static Reply error(HttpResponseStatus status, String message) {
        return new Reply(status, TEXT, "error: " + message + "\n");
    }

    private Reply metricsJson() throws JsonProcessingException {
        Sample s = sampler.sampleNow();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        double[] values = s.values();
        for (int i = 0; i < Sample.COLUMNS.size(); i++) {
            double v = values[i];
            figures.put(Sample.COLUMNS.get(i), v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v);
        }
        out.put("plateau", figures);
        Collector c = collector.get();
        Map<String, Long> byCode = new LinkedHashMap<>();
        if (c != null) {
            c.counters().byCode().forEach((code, n) -> byCode.put(Integer.toString(code), n));
        }
        out.put("requests_by_code", byCode);
        out.put("policies", c == null ? Map.of() : policyJson(c.policies().state()));
        return new Reply(HttpResponseStatus.OK, JSON_TYPE, JSON.writeValueAsString(out));
    }

    private Reply prometheus() {
        Collector c = collector.get();
        Map<Integer, Long> byCode = c == null ? Map.of() : c.counters().byCode();
        return new Reply(HttpResponseStatus.OK, PrometheusText.CONTENT_TYPE,
                PrometheusText.render(sampler.sampleNow(), byCode));
    }

    private Reply connections() throws JsonProcessingException {
        Collector c = collector.get();
        List<Map<String, Object>> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        if (c != null) {
            for (ConnectionSnapshot cs : c.connections().snapshot()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", cs.id());
                m.put("remote", cs.remote());
                m.put("protocol", cs.protocol());
                m.put("opened_at_ms", cs.openedAtMillis());
                m.put("age_ms", cs.ageMillis(now));
                m.put("idle_ms", cs.idleMillis(now));
                m.put("requests", cs.requests());
                m.put("bytes_in", cs.bytesIn());
                m.put("capacity_bytes", cs.capacityBytes());
                m.put("high_water_bytes", cs.highWaterBytes());
                m.put("shrinks", cs.shrinks());
                out.add(m);
            }
        }
        return new Reply(HttpResponseStatus.OK, JSON_TYPE, JSON.writeValueAsString(out));
    }

    private Reply policies(FullHttpRequest req) throws JsonProcessingException {
        Collector c = collector.get();
        if (c == null) {
            return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "no collector is running");
        }
        if (!c.config().authorizes(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            return error(HttpResponseStatus.UNAUTHORIZED, "missing or wrong bearer token");
        }
        if (HttpMethod.GET.equals(req.method())) {
            return new Reply(HttpResponseStatus.OK, JSON_TYPE, JSON.writeValueAsString(policyJson(c.policies().state())));
        }
        if (!HttpMethod.PUT.equals(req.method()) && !HttpMethod.POST.equals(req.method())) {
            return error(HttpResponseStatus.METHOD_NOT_ALLOWED, "use PUT with a JSON object");
        }
        PolicyChange change;
        try {
            change = PolicyChange.parse(req.content().toString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        change.applyTo(c.policies());
        return new Reply(HttpResponseStatus.OK, JSON_TYPE, JSON.writeValueAsString(policyJson(c.policies().state())));
    }

    /** Every live option of {@code p}, keyed by its name, valued as JSON spells it. */
    private static Map<String, Object> policyJson(Policies.State p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (CollectorOption<?> o : p.values().keySet()) {
            m.put(o.name(), json(o, p));
        }
        return m;
    }

    private static <T> Object json(CollectorOption<T> o, Policies.State p) {
        return o.type().toJson(p.get(o));
    }

    /**
     * A validated {@code PUT /api/v1/policies} body: any live option of the catalogue by name; nothing is applied
     * unless every key is valid.
     */
    record PolicyChange(Map<CollectorOption<?>, Object> values) {
        static PolicyChange parse(String body) {
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("body is not valid JSON: " + dev.plateau.events.Printable.of(e.getOriginalMessage()));
            }
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object such as {\"shrink\": true}");
            }
            Map<CollectorOption<?>, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                CollectorOption<?> o = CollectorOptions.byName(e.getKey()).filter(CollectorOption::live)
                        .orElseThrow(() -> new IllegalArgumentException("unknown key '" + e.getKey() + "' (known: "
                                + String.join(", ", CollectorOptions.live().stream().map(CollectorOption::name).toList())
                                + ")"));
                try {
                    values.put(o, o.readJson(JSON.convertValue(e.getValue(), Object.class), w -> { }));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(o.name() + ": " + ex.getMessage());
                }
            }
            return new PolicyChange(values);
        }

        void applyTo(Policies p) {
            values.forEach((o, v) -> set(p, o, v));
        }

        @SuppressWarnings("unchecked")
        private static <T> void set(Policies p, CollectorOption<T> o, Object v) {
            p.set(o, (T) v);
        }
    }
}
