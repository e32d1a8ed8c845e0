package org.baton.trust;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a node's peer (mutual TLS) server listens, as {@code host:port}. The host is a DNS name or an IPv4
 * address; IPv6 literals are written in brackets ({@code [::1]:7443}).
 *
 * @param host DNS name or IP literal (without brackets)
 * @param port 1-65535
 */
public record PeerEndpoint(String host, int port) {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public PeerEndpoint {
        Objects.requireNonNull(host, "host");
        if (!isValidHost(host)) {
            throw new IllegalArgumentException("host '" + host + "' is not a DNS name or an IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}. */
    public static PeerEndpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("endpoint '" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("endpoint '" + text + "': write an IPv6 address in brackets, [addr]:port");
        }
        String portText = text.substring(colon + 1);
        if (!portText.chars().allMatch(Character::isDigit) || portText.length() > 5) {
            throw new IllegalArgumentException("endpoint '" + text + "': port '" + portText + "' is not a number");
        }
        try {
            return new PeerEndpoint(host, Integer.parseInt(portText));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Whether the host is an IP literal rather than a DNS name. */
    public boolean hostIsIpAddress() {
        return isIpLiteral(host);
    }

    static boolean isValidHost(String host) {
        return isIpLiteral(host) || DNS_NAME.matcher(host).matches();
    }

    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || isIpv6Literal(host);
    }

    private static boolean isIpv6Literal(String host) {
        if (!IPV6_CHARACTERS.matcher(host).matches()) {
            return false;
        }
        try {
            // In brackets the JDK parses the string as an IPv6 literal only and never looks the name up.
            return InetAddress.getByName("[" + host + "]") instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
