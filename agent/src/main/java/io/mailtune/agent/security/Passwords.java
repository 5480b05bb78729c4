package io.mailtune.agent.security;

import io.quarkus.elytron.security.common.BcryptUtil;

import java.security.SecureRandom;

/** Password hashing (bcrypt, cost 12, through Elytron) and generated passwords. */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int COST = 12;

    private Passwords() {
    }

    /** The bcrypt hash of a password, in modular crypt form. */
    public static String hash(String password) {
        if (password == null || password.length() < 10) {
            throw new IllegalArgumentException("a password needs at least 10 characters");
        }
        return BcryptUtil.bcryptHash(password, COST);
    }

    /** Whether the password matches the hash. */
    public static boolean matches(String password, String hash) {
        return password != null && hash != null && BcryptUtil.matches(password, hash);
    }

    /** A random password of 20 characters from an alphabet without look-alikes. */
    public static String generate() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
