package org.vireo.fault;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * The test JVMs' name resolver: names under {@value #FAILING} fail at once, as a name the
 * DNS does not know, without a query leaving this machine; every other name goes to the
 * JDK's own resolver. (Registered in META-INF/services for the tests only.)
 */
public final class FaultResolver extends InetAddressResolverProvider {
    public static final String FAILING = ".vireo-fault.invalid";

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.endsWith(FAILING)) {
                    throw new UnknownHostException(host + ": Name or service not known");
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "vireo-fault";
    }
}
