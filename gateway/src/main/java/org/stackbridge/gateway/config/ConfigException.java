package org.stackbridge.gateway.config;

/** A configuration problem, reported with the file, the line, the key and what is wrong. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String key;
    private final String problem;

    public ConfigException(String file, int line, String key, String problem) {
        this(file + (line > 0 ? ":" + line : "") + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem, file, line, key, problem);
    }

    private ConfigException(String message, String file, int line, String key, String problem) {
        super(message);
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    /**
     * A problem with a value given on the command line or in the environment, named by that flag rather than the
     * file: {@code --set listeners.http-port=abc: not a number}.
     */
    public static ConfigException ofOverride(String override, String key, String problem) {
        return new ConfigException(override + ": " + problem, override, 0, key, problem);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
