package io.nowcast.runtime.station;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelFormatException;
import io.nowcast.engine.model.ModelReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The model a station runs and how it is identified in messages.
 *
 * @param name   the model file's name
 * @param sha256 SHA-256 of the file's bytes, lower-case hex (the file's identity, ncm-format-v1)
 * @param engine {@code float} or {@code q16}
 */
public record ModelInfo(String name, String sha256, String engine, Model model) {

    /**
     * Reads and validates the model file, after checking its size: a file larger than a quarter of
     * the JVM's heap (the bytes and the model built from them must fit beside the station) is refused
     * before it is read.
     */
    public static ModelInfo load(Path file, String engine) throws IOException {
        return load(file, engine, Runtime.getRuntime().maxMemory() / 4);
    }

    /** As {@link #load(Path, String)}, refusing files larger than {@code maxBytes}. */
    static ModelInfo load(Path file, String engine, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new ModelFormatException(file + ": the file is " + size + " bytes; this station reads models up to "
                    + maxBytes + " bytes (a quarter of the JVM's heap, -Xmx in NOWCAST_JAVA_OPTS): use a smaller model, "
                    + "or give the JVM more heap");
        }
        byte[] bytes = Files.readAllBytes(file);
        return of(file.getFileName().toString(), bytes, engine);
    }

    /** A model from its file's bytes. */
    public static ModelInfo of(String name, byte[] bytes, String engine) throws IOException {
        Model model = ModelReader.parse(bytes, name);
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new ModelInfo(name, sha, engine, model);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
