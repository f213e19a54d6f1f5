package io.nowcast.runtime.doctor;

import java.io.IOException;
import java.util.Set;

/** Who runs this and in which groups: the real user or, in tests, another one. */
public interface UserGroups {
    String user();

    /** The names of the user's groups. */
    Set<String> groups() throws IOException;

    /** This process's user, with its groups as {@code id -Gn} lists them. */
    static UserGroups current() {
        return new UserGroups() {
            @Override
            public String user() {
                return System.getProperty("user.name");
            }

            @Override
            public Set<String> groups() throws IOException {
                return Set.of(Commands.output("id", "-Gn").split("\\s+"));
            }
        };
    }
}
