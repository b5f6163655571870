package org.vireo.console;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** RFB's "VNC authentication": the 16-byte challenge DES-encrypted with the password, bits of each key byte reversed. */
final class VncAuth {
    private VncAuth() {
    }

    static byte[] response(byte[] challenge, char[] password) throws GeneralSecurityException {
        byte[] key = new byte[8];
        for (int i = 0; i < 8 && i < password.length; i++) {
            key[i] = (byte) (Integer.reverse(password[i] & 0xFF) >>> 24);
        }
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
            return des.doFinal(challenge);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }
}
