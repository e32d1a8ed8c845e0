package org.baton.ledger.embedded;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.baton.trust.Consortium;
import org.baton.trust.InstitutionCredentials;
import org.baton.trust.Member;
import org.baton.trust.MutualTls;
import org.baton.trust.PeerAuthenticationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an embedded ledger over mutual-TLS gRPC ({@code baton.v1.LedgerService}) to the consortium members on
 * this machine. Started by {@code baton ledger serve}, by the demo, or as a process of its own through
 * {@link #main}. {@link #close()} stops the server and closes the ledger; it is idempotent.
 */
public final class EmbeddedLedgerServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLedgerServer.class);

    private final Server server;
    private final ChainLedger ledger;
    private final ExecutorService executor;
    private final EventLoops eventLoops;
    private final CallCounter calls;
    private boolean closed;

    private EmbeddedLedgerServer(Server server, ChainLedger ledger, ExecutorService executor, EventLoops eventLoops,
            CallCounter calls) {
        this.calls = calls;
        this.server = server;
        this.ledger = ledger;
        this.executor = executor;
        this.eventLoops = eventLoops;
    }

    /**
     * The server's own network threads, named {@code ledger-net-*} so that the ledger's CPU can be told apart from
     * that of gRPC clients in the same process (grpc-java otherwise shares one event loop group among them all).
     */
    private record EventLoops(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> channel) {

        static EventLoops create() {
            boolean epoll = Epoll.isAvailable();
            IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
            return new EventLoops(
                    new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ledger-net-accept", true), io),
                    new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                            new DefaultThreadFactory("ledger-net", true), io),
                    epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
        }

        void shutdown() {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    /**
     * Loads the operator's credentials and the consortium file, opens the ledger and starts serving.
     *
     * @throws org.baton.trust.CredentialsLoadException if the credentials cannot be loaded
     * @throws org.baton.trust.ConsortiumLoadException if the consortium file cannot be loaded or verified
     * @throws LedgerStorageException if the ledger cannot be opened
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static EmbeddedLedgerServer start(LedgerServerConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        InstitutionCredentials operator = InstitutionCredentials.load(config.credentialsDirectory());
        Consortium consortium = Consortium.load(config.consortiumFile(), operator.caCertificate());
        EmbeddedLedger ledger = EmbeddedLedger.open(config.ledgerConfig(), consortium, operator, clock);
        return serve(ledger, new InetSocketAddress(config.host(), config.port()), operator, consortium);
    }

    /**
     * Serves an open ledger; the server takes it over and closes it on {@link #close()}.
     *
     * @param operator the credentials the server presents (the ledger's operator)
     * @param consortium the members allowed to call
     */
    public static EmbeddedLedgerServer serve(EmbeddedLedger ledger, SocketAddress address,
            InstitutionCredentials operator, Consortium consortium) {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(consortium, "consortium");
        ChainLedger chain = (ChainLedger) ledger;
        PeerAuthenticationListener listener = new PeerAuthenticationListener() {
            @Override
            public void peerConnected(Member member, SocketAddress remoteAddress) {
                LOG.debug("ledger client {} connected from {}", member.id(), remoteAddress);
            }

            @Override
            public void peerRefused(Optional<SocketAddress> remoteAddress, String reason) {
                LOG.warn("ledger client refused{}: {}", remoteAddress.map(a -> " from " + a).orElse(""), reason);
            }
        };
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ledger-rpc-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EventLoops eventLoops = EventLoops.create();
        CallCounter calls = new CallCounter();
        try {
            Server server = NettyServerBuilder.forAddress(address, MutualTls.serverCredentials(operator, listener))
                    .bossEventLoopGroup(eventLoops.boss())
                    .workerEventLoopGroup(eventLoops.workers())
                    .channelType(eventLoops.channel())
                    .executor(executor)
                    .maxInboundMessageSize(LedgerGrpcService.MAX_REQUEST_BYTES)
                    .addService(ServerInterceptors.intercept(new LedgerGrpcService(chain, executor),
                            calls, MutualTls.authenticator(consortium, listener)))
                    .addTransportFilter(MutualTls.connectionObserver(consortium, listener))
                    .build()
                    .start();
            LOG.info("ledger server for {} listening on port {}", operator.institutionId(), server.getPort());
            return new EmbeddedLedgerServer(server, chain, executor, eventLoops, calls);
        } catch (IOException e) {
            executor.shutdownNow();
            eventLoops.shutdown();
            chain.close();
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /**
     * The calls this server has accepted from authenticated members since it started, by rpc name (e.g.
     * {@code GetReceipts}); for benchmarks and diagnostics. A snapshot.
     */
    public Map<String, Long> callsServed() {
        return calls.snapshot();
    }

    /** Counts the calls that reach the service, by method. */
    private static final class CallCounter implements ServerInterceptor {
        private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            String method = call.getMethodDescriptor().getBareMethodName();
            counts.computeIfAbsent(method == null ? "?" : method, name -> new LongAdder()).increment();
            return next.startCall(call, headers);
        }

        Map<String, Long> snapshot() {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((method, count) -> out.put(method, count.sum()));
            return out;
        }
    }

    /** The ledger served. */
    public EmbeddedLedger ledger() {
        return ledger;
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ledger.close();
        executor.shutdownNow();
        eventLoops.shutdown();
        LOG.info("ledger server stopped");
    }

    /**
     * Runs a ledger server until the process is stopped. Prints {@code ledger listening on port N} to standard
     * output once it accepts calls. Exits with status 2 on a bad option, 1 if it cannot start.
     *
     * @param args see {@link LedgerServerConfig#USAGE}
     */
    public static void main(String[] args) throws InterruptedException {
        LedgerServerConfig config;
        try {
            config = LedgerServerConfig.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ledger server: " + e.getMessage());
            System.exit(2);
            return;
        }
        EmbeddedLedgerServer server;
        try {
            server = start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            System.err.println("ledger server: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ledger-shutdown"));
        System.out.println("ledger listening on port " + server.port());
        System.out.flush();
        server.awaitTermination();
    }
}
