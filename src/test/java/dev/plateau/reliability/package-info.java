/**
 * The hostile-input suite (issue 6): real collectors on ephemeral loopback ports attacked over real sockets — raw
 * {@link java.net.Socket}s for bytes no well-behaved client would send, {@link java.net.http.HttpClient} where a
 * normal client suffices. Rows are data ({@code Attack}: what is sent → the status, and whether the connection is
 * kept or closed), so each test class reads like the list in the issue. After every case {@code Aftermath} checks the
 * probe (a well-formed request on a new connection gets 2xx), resting buffer sizes, exact record accounting against
 * the file output, zero Netty leak reports and single-line events.
 *
 * <p>Print the README table of answers with
 * {@code mvn -q test -Dtest='HostileHttpTest,HostileJsonTest,CompressionAttackTest' -Dtest.jvm.extra=-Dreliability.table=true}.
 */
package dev.plateau.reliability;
