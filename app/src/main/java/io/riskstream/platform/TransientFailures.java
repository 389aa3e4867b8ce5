package io.riskstream.platform;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;

import io.apicurio.registry.rest.client.exception.RateLimitedClientException;
import io.apicurio.registry.rest.client.exception.RestClientException;

/**
 * Tells a failure that says nothing about the record (the registry or a broker briefly away, overloaded, or
 * refusing our credentials) from one that does (bytes that are not Avro, a schema id the registry does not
 * know). The first is retried and never dead-lettered: dead-lettering good records because a dependency
 * blinked would lose them for every reader of the output. The second is dead-lettered: retrying it would
 * stop the stream forever.
 */
public final class TransientFailures {

    /** HTTP answers of the registry that are about the registry, not about the schema asked for. */
    private static final Set<Integer> TRANSIENT_CLIENT_ERRORS = Set.of(401, 403, 408, 425, 429);

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException || t instanceof RateLimitedClientException
                    || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof HttpTimeoutException) {
                return true;
            }
            if (t instanceof RestClientException registry && isTransient(registry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(RestClientException registry) {
        if (registry.getError() == null) {
            return true;
        }
        Integer code = registry.getError().getErrorCode();
        if (code == null) {
            // No HTTP answer at all: the client could not connect, timed out or was interrupted. (Apicurio puts
            // the name of the client-side exception, such as ConnectException, in the error's name.) A JSON
            // error would be an answer we could not read: as permanent as the content it came with.
            String name = registry.getError().getName();
            return name == null || !name.contains("Json");
        }
        return code >= 500 || TRANSIENT_CLIENT_ERRORS.contains(code);
    }
}
