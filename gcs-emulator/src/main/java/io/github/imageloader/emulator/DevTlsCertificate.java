package io.github.imageloader.emulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A development-only certificate authority and the emulator's server certificate, generated on this machine
 * so the storage API can be served over HTTPS the way GCS serves it. The CA's private key is never written:
 * it signs the one server certificate and is dropped, so trusting the CA file trusts nothing else. Like
 * {@link DevServiceAccount}, the files live under the git-ignored {@code data/} and are never committed.
 * <p>
 * Keys are ECDSA P-256, like Google's own front ends serve.
 */
public final class DevTlsCertificate {

  private static final Logger LOG = LoggerFactory.getLogger(DevTlsCertificate.class);
  private static final Duration VALIDITY = Duration.ofDays(825);

  private DevTlsCertificate() {}

  /**
   * The PEM files of a server certificate: {@code certFile} holds the server certificate followed by the CA's,
   * {@code keyFile} the server's PKCS#8 private key, {@code caFile} the CA certificate clients trust.
   */
  public record TlsFiles(Path certFile, Path keyFile, Path caFile) {}

  /**
   * Generates a CA and a server certificate for {@code hostNames} (DNS names or IP literals) into the three
   * files, unless the certificate and key files already exist, which are then kept as they are. Blocking.
   */
  public static TlsFiles ensure(Path certFile, Path keyFile, Path caFile, List<String> hostNames) {
    if (Files.exists(certFile) && Files.exists(keyFile)) {
      return new TlsFiles(certFile, keyFile, caFile);
    }
    try {
      KeyPair caKeys = ecKeyPair();
      KeyPair serverKeys = ecKeyPair();
      X509Certificate ca = caCertificate(caKeys);
      X509Certificate server = serverCertificate(serverKeys, ca, caKeys, hostNames);
      createParents(certFile, keyFile, caFile);
      Files.writeString(caFile, pem(ca), StandardCharsets.UTF_8);
      Files.writeString(certFile, pem(server) + pem(ca), StandardCharsets.UTF_8);
      Files.deleteIfExists(keyFile);
      if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(keyFile, PemPrivateKey.encode(serverKeys.getPrivate()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the emulator's TLS certificate " + certFile, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot generate the emulator's TLS certificate", e);
    }
    LOG.info("Generated a development CA {} and a TLS certificate {} for {}", caFile, certFile, hostNames);
    return new TlsFiles(certFile, keyFile, caFile);
  }

  private static X509Certificate caCertificate(KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name name = new X500Name("CN=image-batch-loader dev storage CA " + Instant.now().getEpochSecond());
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(builder, keys);
  }

  private static X509Certificate serverCertificate(KeyPair keys, X509Certificate ca, KeyPair caKeys,
      List<String> hostNames) throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
        new X500Name("CN=" + hostNames.get(0)), keys.getPublic());
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    List<GeneralName> names = new ArrayList<>();
    for (String host : hostNames) {
      names.add(isIpLiteral(host)
          ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress())
          : new GeneralName(GeneralName.dNSName, host));
    }
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(names.toArray(GeneralName[]::new)));
    builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
    return sign(builder, caKeys);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(96, new SecureRandom());
  }

  private static String pem(Object value) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(value);
    }
    return text.toString();
  }

  private static void createParents(Path... files) throws IOException {
    for (Path file : files) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    }
  }
}
