package io.memocache.runtime.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates directories readable only by their owner ({@code 0700}) and files likewise ({@code 0600})
 * where the file system supports POSIX permissions, and plain ones elsewhere. Not an API.
 */
public final class PrivateFiles {
  /** The suffix of temporary files, which a sweep may delete once they are old. */
  public static final String TEMP_SUFFIX = ".tmp";

  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates a directory and its missing parents, each new one owner-only. Existing directories are
   * left as they are.
   *
   * @param directory the directory
   * @throws IOException if it cannot be created or a file stands in its way
   */
  public static void createDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Files.createDirectories(directory, attributes(directory.getFileSystem(), DIRECTORY));
  }

  /**
   * Writes {@code bytes} to a new owner-only temporary file in {@code directory}.
   *
   * @param directory where the file goes
   * @param prefix the start of its name
   * @param bytes the content
   * @param sync whether to force the content to the device before returning
   * @return the file's path; the caller renames or deletes it
   * @throws IOException if the file cannot be written; nothing is left behind then
   */
  public static Path writeTemp(Path directory, String prefix, byte[] bytes, boolean sync)
      throws IOException {
    Path temp =
        directory.resolve(
            prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
    boolean written = false;
    try {
      write(temp, bytes, sync);
      written = true;
      return temp;
    } finally {
      if (!written) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Writes {@code bytes} to a file that must not exist yet, owner-only.
   *
   * @param file the file
   * @param bytes the content
   * @throws java.nio.file.FileAlreadyExistsException if the file exists
   * @throws IOException if the file cannot be written
   */
  public static void writeNew(Path file, byte[] bytes) throws IOException {
    write(file, bytes, true);
  }

  /**
   * Opens a file for writing, creating it owner-only if absent, for use as a lock.
   *
   * @param file the file
   * @return the open channel
   * @throws IOException if the file cannot be opened or created
   */
  public static FileChannel openLockFile(Path file) throws IOException {
    return FileChannel.open(
        file,
        EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
        attributes(file.getFileSystem(), FILE));
  }

  private static void write(Path file, byte[] bytes, boolean sync) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            attributes(file.getFileSystem(), FILE))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (sync) {
        channel.force(false);
      }
    }
  }

  private static FileAttribute<?>[] attributes(
      FileSystem fileSystem, Set<PosixFilePermission> permissions) {
    return fileSystem.supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }
}
