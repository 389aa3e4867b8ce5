package io.riskstream.platform;

import io.riskstream.devstack.ApicurioRegistryServer;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.schemas.SchemaCatalog;

/**
 * One real Apicurio Registry for every integration test of this JVM, started on first use with the
 * catalog's schemas and compatibility rules applied; devstack stops it when the JVM exits.
 */
public final class TestRegistry {

    private static ApicurioRegistryServer server;

    private TestRegistry() {
    }

    /** The v2 API base of the shared registry. */
    public static synchronized String url() {
        if (server == null) {
            server = ApicurioRegistryServer.start();
            new RegistryRules(server.url()).apply(SchemaCatalog.load());
        }
        return server.url();
    }
}
