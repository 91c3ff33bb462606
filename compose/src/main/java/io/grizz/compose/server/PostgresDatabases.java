package io.grizz.compose.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/** Databases on any PostgreSQL reachable by JDBC: the local one, a container, or an external server. */
public final class PostgresDatabases {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

    private PostgresDatabases() {}

    /** Creates database {@code name}, dropping one of that name first, so the caller gets it fresh and empty. */
    public static void recreate(String adminJdbcUrl, String user, String password, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name (letters, digits, _; at most 63): " + name);
        }
        try (Connection connection = connect(adminJdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " via " + adminJdbcUrl, e);
        }
    }

    /** {@code jdbcUrl} with its database replaced by {@code database}, keeping host, port and parameters. */
    public static String withDatabase(String jdbcUrl, String database) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql:// URL: " + jdbcUrl);
        }
        String parameters = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + "/" + database + parameters;
    }

    /** Connects through pgjdbc's driver directly, which works under any class loader (a Spring Boot jar too). */
    static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("pgjdbc does not accept the URL " + url);
        }
        return connection;
    }
}
