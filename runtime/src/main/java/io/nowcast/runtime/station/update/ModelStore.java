package io.nowcast.runtime.station.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinylog.Logger;

/**
 * The models a station has taken over the air, in {@code <data>/models/}: the running one, the one
 * before it, and which is which. Version 0 is the configured {@code model.file}, which stays where
 * it is; version N &gt; 0 is {@code vN.ncm} here.
 *
 * <p><b>Swap.</b> A new model is written as {@code vN.ncm.tmp}, forced, renamed to {@code vN.ncm} and
 * the directory forced ({@link #stage}); then the file {@code state}, which names the current and the
 * previous model, is written whole as {@code state.tmp}, forced, and renamed over {@code state},
 * and the directory forced ({@link #commit}). Only then is the model before the previous one
 * deleted. The rename of {@code state} is the swap: before it the old model runs, after it the new
 * one, and both files exist at every moment until it has happened, so a process killed at any point
 * comes back with exactly one of the two ({@link #open} deletes what no state names).
 *
 * <p>{@code state} (text, one {@code key = value} a line):
 * <pre>
 * current = VERSION SHA256      the model to run
 * previous = VERSION SHA256     the one before it, or "none"
 * highest = VERSION SHA256      the highest version ever taken (an update must be newer)
 * base = SHA256                 of model.file when this state was written
 * </pre>
 * When {@code model.file} no longer has the recorded SHA-256 (someone installed another model by
 * hand), that file is what runs, from version 0, the highest version being kept.
 *
 * <p>The store holds a lock on {@code models/lock} while open: one process at a time (the running
 * station, or {@code nowcast rollback}).
 */
public final class ModelStore implements AutoCloseable {
    public static final String DIR = "models";
    static final String STATE = "state";
    private static final Pattern VERSION_FILE = Pattern.compile("v([0-9]{1,19})\\.ncm");
    private static final Pattern LINE = Pattern.compile("(current|previous|highest) = ([0-9]{1,19}) ([0-9a-f]{64})");

    /**
     * One stored model.
     *
     * @param version 0 for model.file
     * @param file    where it is
     * @param sha256  of its bytes, lower-case hex
     */
    public record Entry(long version, Path file, String sha256) {
    }

    private final Path dir;
    private final Path baseFile;
    private final String baseSha;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Entry current;
    private Entry previous; // null: none
    private Entry highest; // file may be gone (rolled back); version 0: none taken

    private ModelStore(Path dir, Path baseFile, String baseSha, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.baseFile = baseFile;
        this.baseSha = baseSha;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** {@code vN.ncm}. */
    public static String fileName(long version) {
        return "v" + version + ".ncm";
    }

    /**
     * Opens (creating) {@code <dataDir>/models}, takes its lock, and comes back from whatever an
     * interrupted swap left: {@code *.tmp} files and models that {@code state} does not name are
     * deleted; a named model whose file is missing or changed is passed over, with an error logged, for
     * the previous one or model.file.
     *
     * @param baseFile the configured {@code model.file}
     * @throws IOException when another process holds the store, or the directory cannot be used
     */
    public static ModelStore open(Path dataDir, Path baseFile) throws IOException {
        Path dir = dataDir.resolve(DIR);
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held in this JVM
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IOException(dir + ": another nowcast process (a running station, or nowcast rollback) holds the "
                    + "model store");
        }
        try {
            ModelStore s = new ModelStore(dir, baseFile, sha256(baseFile), ch, lock);
            s.recover();
            return s;
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    private void recover() throws IOException {
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : tmp) {
                Files.delete(p);
            }
        }
        Entry base = new Entry(0, baseFile, baseSha);
        current = base;
        previous = null;
        highest = new Entry(0, baseFile, baseSha);
        Path state = dir.resolve(STATE);
        boolean rewrite = false;
        if (Files.exists(state)) {
            String text = Files.readString(state, StandardCharsets.UTF_8);
            Entry c = entry(text, "current");
            Entry p = entry(text, "previous");
            Entry h = entry(text, "highest");
            Matcher b = Pattern.compile("base = ([0-9a-f]{64})").matcher(text);
            if (c == null || h == null || !b.find()) {
                Logger.error("Model store {}: the state file cannot be read; running model.file ({})", state, baseFile);
                rewrite = true;
            } else if (!b.group(1).equals(baseSha)) {
                Logger.warn("Model store {}: model.file {} was replaced; running it, as version 0 (updates must still be "
                        + "newer than version {})", dir, baseFile, h.version());
                highest = h;
                rewrite = true;
            } else {
                highest = h;
                current = intact(c) ? c : null;
                previous = p != null && intact(p) ? p : null;
                if (current == null) {
                    Logger.error("Model store {}: the current model {} is missing or damaged; running the previous one "
                            + "({})", dir, c.file(), previous == null ? baseFile : previous.file());
                    current = previous == null ? base : previous;
                    previous = null;
                    rewrite = true;
                }
            }
        }
        if (rewrite) {
            writeState();
        }
        deleteUnnamed(Long.MAX_VALUE);
    }

    /** The entry of {@code key} in a state text; null when absent or "none". */
    private Entry entry(String text, String key) {
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(key)) {
                long v = Long.parseLong(m.group(2));
                return new Entry(v, v == 0 ? baseFile : dir.resolve(fileName(v)), m.group(3));
            }
        }
        return null;
    }

    private boolean intact(Entry e) throws IOException {
        return Files.isRegularFile(e.file()) && sha256(e.file()).equals(e.sha256());
    }

    /** {@code <data>/models}. */
    Path dir() {
        return dir;
    }

    public synchronized Entry current() {
        return current;
    }

    /** The model before the current one, or null. */
    public synchronized Entry previous() {
        return previous;
    }

    /** The highest version taken (version 0: none); its file may be gone after a rollback. */
    public synchronized Entry highest() {
        return highest;
    }

    /**
     * Writes {@code vN.ncm} durably beside the running model (forced, renamed, directory forced),
     * without making it current. Any thread; another version may be staged or committed meanwhile.
     *
     * @return the file
     */
    public Path stage(long version, byte[] model) throws IOException {
        if (version < 1) {
            throw new IllegalArgumentException("version " + version);
        }
        Path file = dir.resolve(fileName(version));
        writeDurably(file, model);
        return file;
    }

    /**
     * Makes the staged version current, the current one previous: the swap (one rename). Then deletes
     * the stored models below it other than the previous one.
     *
     * @throws IOException when the staged file is not there or {@code state} cannot be written; the
     *                     store is then as it was
     */
    public synchronized Entry commit(long version, String sha256) throws IOException {
        Path file = dir.resolve(fileName(version));
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not staged");
        }
        Entry before = current;
        Entry beforePrevious = previous;
        Entry beforeHighest = highest;
        current = new Entry(version, file, sha256);
        previous = before;
        if (version > highest.version()) {
            highest = current;
        }
        try {
            writeState();
        } catch (IOException e) {
            current = before;
            previous = beforePrevious;
            highest = beforeHighest;
            throw e;
        }
        deleteUnnamed(version);
        return current;
    }

    /**
     * Makes the previous model current again and deletes the one rolled back from; the highest version
     * stays, so that the same update is not taken again.
     *
     * @return the model now current
     * @throws IOException when there is no previous model, or {@code state} cannot be written
     */
    public synchronized Entry rollback() throws IOException {
        if (previous == null) {
            throw new IOException(dir + ": no previous model to roll back to (running version " + current.version()
                    + ", " + current.file() + ")");
        }
        Entry from = current;
        current = previous;
        previous = null;
        try {
            writeState();
        } catch (IOException e) {
            previous = current;
            current = from;
            throw e;
        }
        if (from.version() > 0) {
            Files.deleteIfExists(from.file()); // not named by state any more; open() would delete it too
        }
        return current;
    }

    private void writeState() throws IOException {
        String text = "# nowcast model store (docs/updates.md): replaced whole, never edited in place\n"
                + "current = " + current.version() + " " + current.sha256() + "\n"
                + "previous = " + (previous == null ? "none" : previous.version() + " " + previous.sha256()) + "\n"
                + "highest = " + highest.version() + " " + highest.sha256() + "\n"
                + "base = " + baseSha + "\n";
        writeDurably(dir.resolve(STATE), text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code NAME.tmp} written and forced, renamed to NAME, its directory forced. */
    static void writeDurably(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Deletes the {@code vN.ncm} with N below {@code below} that are neither current nor previous. */
    private void deleteUnnamed(long below) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "v*.ncm")) {
            for (Path p : files) {
                Matcher m = VERSION_FILE.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long v = Long.parseLong(m.group(1));
                if (v < below && v != current.version() && (previous == null || v != previous.version())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** SHA-256 of a file's bytes, lower-case hex, read in pieces. */
    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
