package io.grizz.compose.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command line of a child JVM that runs a main class of this module with the classes this JVM has.
 *
 * <p>From tests and IDEs, {@code java.class.path} is the full classpath (surefire sets it too, even with its
 * manifest-only booter jar); it is passed in an argument file, since a long classpath may exceed the limit of one
 * command-line argument. From the executable dev jar ({@code java -jar grizz-compose-dev.jar}) the classpath is that
 * one jar, whose libraries only Spring Boot's loader can read: the child then runs Boot's
 * {@code PropertiesLauncher} on the same jar with {@code -Dloader.main=<main class>}.
 */
public final class ChildJvm {

    static final String BOOT_LAUNCHER_PREFIX = "org.springframework.boot.loader.";
    static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private ChildJvm() {}

    /**
     * @param workDirectory where the argument file is written
     */
    public static List<String> command(
            Path workDirectory, List<String> jvmOptions, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (isBootJar(classPath)) {
            command.addAll(List.of("-cp", classPath, "-Dloader.main=" + mainClass, PROPERTIES_LAUNCHER));
        } else {
            command.add("@" + classPathArgumentFile(workDirectory, classPath));
            command.add(mainClass);
        }
        command.addAll(arguments);
        return command;
    }

    private static boolean isBootJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            String mainClass = jar.getManifest() == null
                    ? null
                    : jar.getManifest().getMainAttributes().getValue("Main-Class");
            return mainClass != null && mainClass.startsWith(BOOT_LAUNCHER_PREFIX);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path classPathArgumentFile(Path directory, String classPath) {
        Path file = directory.resolve("classpath.args");
        String quoted = classPath.replace("\\", "\\\\").replace("\"", "\\\"");
        try {
            Files.writeString(file, "-cp \"" + quoted + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        return file;
    }
}
