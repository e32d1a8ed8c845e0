package org.baton.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns an exception from a command into a one-line message and exit code 1. Failures the user can fix (bad files,
 * refused material, occupied ports) carry their own message; anything else also prints its stack trace.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine,
            CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        err.println("baton " + commandLine.getCommandName() + ": " + describe(exception));
        if (!expected(exception)) {
            exception.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    private static String describe(Exception exception) {
        if (exception instanceof FileAlreadyExistsException e) {
            return e.getFile() + " already exists" + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
        }
        if (exception instanceof NoSuchFileException e) {
            return e.getFile() + " does not exist";
        }
        return exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
    }

    private static boolean expected(Exception exception) {
        return exception instanceof IOException
                || exception instanceof UncheckedIOException
                || exception instanceof IllegalArgumentException
                || exception.getClass().getName().startsWith("org.baton.");
    }
}
