package dev.plateau.collector.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One complete request as {@link ConnectionBuffer} hands it to {@link IngestHandler}. {@code body} is a slice of
 * the connection buffer, <b>not retained</b>: it is valid only during the {@code channelRead} call that carries it,
 * which is why the handler processes the request synchronously and copies what it keeps.
 *
 * @param method    request method
 * @param uri       request target as sent (path and query, not decoded)
 * @param version   HTTP version of the request
 * @param headers   request headers
 * @param keepAlive whether the client asked to keep the connection
 * @param body      the body bytes (possibly empty)
 */
public record IngestRequest(HttpMethod method, String uri, HttpVersion version, HttpHeaders headers, boolean keepAlive,
        ByteBuf body) {
}
