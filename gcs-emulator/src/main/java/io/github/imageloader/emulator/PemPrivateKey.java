package io.github.imageloader.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** PKCS#8 private keys as PEM text ({@code -----BEGIN PRIVATE KEY-----}), as in key files. */
final class PemPrivateKey {

  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private PemPrivateKey() {}

  static String encode(PrivateKey key) {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    return BEGIN + "\n" + base64.encodeToString(key.getEncoded()) + "\n" + END + "\n";
  }

  static RSAPrivateCrtKey decodeRsa(String pem) throws GeneralSecurityException {
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("Not a PKCS#8 PEM private key");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("Private key PEM is not valid base64", e);
    }
    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    if (!(key instanceof RSAPrivateCrtKey rsa)) {
      throw new GeneralSecurityException("Private key lacks the CRT parameters of an RSA key");
    }
    return rsa;
  }
}
