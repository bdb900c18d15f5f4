package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * One hostile request and the answer it must get: the data row of the data-driven suites.
 *
 * @param name     what is tried, as it reads in the README table
 * @param request  the bytes written on a fresh connection, in one write
 * @param statuses acceptable status codes of the first answer; empty means the server must close without answering
 * @param body     expected error body (exact), or {@code null} to not check it
 * @param close    whether the connection must stay usable or must be closed
 * @param records  records promised when the answer is 2xx
 */
record Attack(String name, byte[] request, Set<Integer> statuses, String body, Close close, int records) {
    static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);
    static final String UNPROCESSABLE = "error: unable to process records\n";

    /** What must happen to the connection after the answer. */
    enum Close {
        /** Keep-alive: a well-formed request on the same connection still gets 2xx. */
        KEEPS_OPEN,
        /** The server closes (FIN or reset) within {@link #CLOSE_WITHIN}. */
        CLOSES
    }

    static Attack keepsOpen(String name, byte[] request, int status, String body, int records) {
        return new Attack(name, request, Set.of(status), body, Close.KEEPS_OPEN, records);
    }

    static Attack closes(String name, byte[] request, Set<Integer> statuses, String body) {
        return new Attack(name, request, statuses, body, Close.CLOSES, 0);
    }

    /** A JSON body rejected with {@code 400 error: unable to process records}, connection kept. */
    static Attack badJson(String name, byte[] body) {
        return keepsOpen(name, Requests.json("/json", body), 400, UNPROCESSABLE, 0);
    }

    static Attack badJson(String name, String body) {
        return badJson(name, Requests.utf8(body));
    }

    /** A gzip body rejected with {@code 400 error: unable to process records}, connection kept. */
    static Attack badJsonGzip(String name, byte[] gzipped) {
        return keepsOpen(name, Requests.post("/gz", Requests.JSON, "Content-Encoding: gzip\r\n", gzipped), 400,
                UNPROCESSABLE, 0);
    }

    /** A JSON body accepted with 201 and {@code records} records. */
    static Attack goodJson(String name, String body, int records) {
        return keepsOpen(name, Requests.json("/json", Requests.utf8(body)), 201, null, records);
    }

    /** Sends the attack on a fresh connection and asserts the answer; 2xx records go into the ledger. */
    void run(AttackedCollector c) throws IOException {
        try (RawConnection conn = RawConnection.open(c.address())) {
            conn.writeQuietly(request);
            RawResponse r = conn.readResponse();
            if (statuses.isEmpty()) {
                assertThat(r).as("%s: no answer expected", name).isNull();
            } else {
                assertThat(r).as("%s: an answer (one of %s), not a bare close", name, statuses).isNotNull();
                assertThat(r.status()).as("%s: %s", name, r).isIn(statuses);
                if (body != null) {
                    assertThat(r.body()).as("%s: body", name).isEqualTo(body);
                }
                if (r.is2xx()) {
                    c.accepted(records);
                }
            }
            if (Boolean.getBoolean("reliability.table")) {
                System.out.printf("| %s | %s | %s |%n", name.replace("|", "\\|"), r == null ? "no answer" : r.status()
                        + (r.body().isEmpty() ? "" : " `" + r.body().strip() + "`"), close == Close.CLOSES ? "closed" : "kept");
            }
            if (close == Close.CLOSES) {
                assertThat(conn.awaitClosed(CLOSE_WITHIN)).as("%s: connection closed", name).isTrue();
            } else {
                assertThat(r.announcesClose()).as("%s: keep-alive kept (%s)", name, r).isFalse();
                conn.write(Requests.json("/json", "{\"after\":\"keep-alive\"}"));
                RawResponse next = conn.readResponse();
                assertThat(next).as("%s: next request on the same connection", name).isNotNull();
                assertThat(next.status()).as("%s: next request on the same connection: %s", name, next).isEqualTo(201);
                c.accepted(1);
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
