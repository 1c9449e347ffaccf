package org.hlsgateway.load;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/** Reads a response body to its end and keeps only its length: a segment is fetched in full, not stored. */
final class CountingBody implements Flow.Subscriber<List<ByteBuffer>> {

    private long bytes;

    static HttpResponse.BodyHandler<Long> handler() {
        return info -> {
            CountingBody body = new CountingBody();
            return HttpResponse.BodySubscribers.fromSubscriber(body, b -> b.bytes);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            bytes += buffer.remaining();
        }
    }

    @Override
    public void onError(Throwable error) {
        // the HttpClient reports the error to the caller of send()
    }

    @Override
    public void onComplete() {
        // the finisher reads the count
    }
}
