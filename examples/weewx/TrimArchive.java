import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Copies a weewx archive and deletes, in the copy, the records stamped before an instant: the
 * period when a station's data is known to be wrong (the Bariloche console stood indoors until
 * 2017-08-08). The original is only read. Run as a single source file with the SQLite driver that
 * nowcast-train brings:
 *
 * <pre>java -cp 'trainer/target/lib/*' examples/weewx/TrimArchive.java IN.sdb OUT.sdb 2017-08-08T09:00:00Z</pre>
 */
public class TrimArchive {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: TrimArchive IN.sdb OUT.sdb FROM (an ISO-8601 instant, e.g. 2017-08-08T09:00:00Z)");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long from = Instant.parse(args[2]).getEpochSecond();
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        if (!out.toFile().setWritable(true, true)) {
            throw new IllegalStateException(out + ": cannot make the copy writable");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.toAbsolutePath());
                PreparedStatement delete = c.prepareStatement("DELETE FROM archive WHERE dateTime < ?")) {
            delete.setLong(1, from);
            int n = delete.executeUpdate();
            try (var vacuum = c.createStatement()) {
                vacuum.execute("VACUUM");
            }
            System.out.println(out + ": " + n + " records before " + args[2] + " left out");
        }
    }
}
