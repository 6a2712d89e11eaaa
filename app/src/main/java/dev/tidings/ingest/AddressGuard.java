package dev.tidings.ingest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses fetches that would reach this machine or its private network (loopback, private ranges,
 * link-local including the cloud metadata address, carrier-grade NAT, unique-local IPv6, multicast)
 * unless the source is explicitly allowed. Checked after DNS resolution, for every address the name
 * resolves to, and again on every redirect.
 */
public final class AddressGuard {
    private final boolean allowPrivate;

    public AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Throws when the URL is not http(s) or its host resolves to a refused address. */
    public void check(URI url) throws IngestException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IngestException("only http and https URLs can be fetched, not " + url);
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) throw new IngestException(url + " has no host name");
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IngestException("cannot resolve the host " + host + " of " + url, e);
        }
        if (allowPrivate) return;
        for (InetAddress a : addresses) {
            if (isPrivate(a)) {
                throw new IngestException(url + " resolves to the private address " + a.getHostAddress()
                        + " and is refused (use --allow-private for a source on your own network)");
            }
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:0:0/96 mapped IPv4 is unwrapped by the JDK already.
            return (b[0] & 0xfe) == 0xfc;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0)       // IETF protocol assignments
                || (first == 198 && (second == 18 || second == 19))           // benchmarking
                || first >= 240;                                              // reserved, broadcast
    }
}
