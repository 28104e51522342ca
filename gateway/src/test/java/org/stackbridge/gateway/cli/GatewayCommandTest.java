package org.stackbridge.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file named on a command line sent to the running gateway reaches it as the absolute path of where it was typed. */
class GatewayCommandTest {

    private static final String HERE = Path.of("out.csv").toAbsolutePath().normalize().toString();

    @Test
    void anOptionsFileIsMadeAbsoluteInEitherSpelling() {
        assertEquals(List.of("report", "circulation", "--output", HERE),
                GatewayCommand.withAbsoluteFile(List.of("report", "circulation", "--output", "out.csv"), "--output", "out.csv"));
        assertEquals(List.of("report", "circulation", "--output=" + HERE),
                GatewayCommand.withAbsoluteFile(List.of("report", "circulation", "--output=out.csv"), "--output", "out.csv"));
    }

    @Test
    void onlyTheOptionsValueChangesNotTheSameWordElsewhere() {
        // "out.csv" as the report's name (nonsense, but the command line's to keep) is not the output file
        assertEquals(List.of("report", "out.csv", "--output", HERE),
                GatewayCommand.withAbsoluteFile(List.of("report", "out.csv", "--output", "out.csv"), "--output", "out.csv"));
        assertEquals(List.of("report", "out.csv"), GatewayCommand.withAbsoluteFile(List.of("report", "out.csv"), "--output", "out.csv"));
    }

    @Test
    void aPositionalFileIsMadeAbsolute() {
        assertEquals(List.of("db", "backup", HERE), GatewayCommand.withAbsoluteFile(List.of("db", "backup", "out.csv"), null, "out.csv"));
    }
}
