package io.nowcast.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS socket factory for an {@code ssl://} broker from a CA file and a client keystore. */
public final class TlsSockets {
    private TlsSockets() {
    }

    /**
     * @throws BrokerException naming the file that cannot be used
     */
    public static SSLSocketFactory factory(BrokerSettings s) throws BrokerException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (s.caFile() == null) {
                tmf.init((KeyStore) null); // the JDK's own trust store
            } else {
                tmf.init(caStore(s));
            }
            KeyManagerFactory kmf = null;
            if (s.clientKeystore() != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(s.clientKeystore())) {
                    ks.load(in, s.clientKeystorePassword());
                } catch (IOException e) {
                    throw new BrokerException("client keystore " + s.clientKeystore() + " cannot be read as PKCS#12 with "
                            + "the password given: " + e.getMessage());
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, s.clientKeystorePassword());
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new BrokerException("TLS set-up failed: " + e.getMessage());
        }
    }

    private static KeyStore caStore(BrokerSettings s) throws BrokerException, GeneralSecurityException {
        Collection<? extends Certificate> cas;
        try (InputStream in = Files.newInputStream(s.caFile())) {
            cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new BrokerException("CA file " + s.caFile() + " cannot be read as PEM certificates: " + e.getMessage());
        }
        if (cas.isEmpty()) {
            throw new BrokerException("CA file " + s.caFile() + " holds no certificate");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new BrokerException("cannot create an in-memory trust store: " + e.getMessage());
        }
        int k = 0;
        for (Certificate c : cas) {
            ks.setCertificateEntry("ca" + k++, c);
        }
        return ks;
    }
}
