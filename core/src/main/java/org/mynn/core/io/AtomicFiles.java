package org.mynn.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.mynn.core.MynnException;

/**
 * Writes files so that a reader sees the old content or the new, never a mix: the bytes go to a temporary file
 * in the same folder, are forced to disk, and the temporary file is then renamed over the target.
 *
 * <p>Only regular files are written: a target that exists and is a folder, a device, a pipe or a socket is refused.
 * A symbolic link is written through: the file it points to is replaced (atomically, in that file's folder) and the
 * link stays a link.
 */
public final class AtomicFiles {

    /** Writes bytes to a stream; may fail with an I/O error. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, atomically.
     *
     * @throws MynnException when the folder is missing or not writable, or writing fails; the target is then
     *                       unchanged and no temporary file is left behind
     */
    public static void write(Path target, Writer writer) {
        Path abs = resolve(target);
        Path dir = abs.getParent();
        checkWritableFolder(target, dir);
        checkTarget(target, abs);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {
            throw new MynnException("cannot write " + target + ": folder " + dir + " is not writable");
        } catch (IOException e) {
            throw new MynnException("cannot write " + target + ": " + describe(e));
        }
        boolean moved = false;
        try {
            givePermissions(tmp, abs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            throw new MynnException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is named .<target>.*.tmp; nothing more can be done here
                }
            }
        }
    }

    /**
     * Gives {@code tmp} the permissions {@code like} has, or {@code rw-r--r--} when it does not exist yet: a
     * temporary file starts as {@code rw-------}, which would make every saved file private.
     */
    public static void givePermissions(Path tmp, Path like) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(like) ? Files.getPosixFilePermissions(like)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * @return where writing {@code target} really writes: its absolute path, with symbolic links followed (also a link
     *         to a file that does not exist yet)
     * @throws MynnException for an empty name or a loop of links
     */
    public static Path resolve(Path target) {
        if (target.toString().isEmpty()) {
            throw new MynnException("cannot write '': an empty file name");
        }
        Path p = target.toAbsolutePath().normalize();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new MynnException("cannot write " + target + ": its symbolic links go round in a loop");
            }
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            } catch (IOException e) {
                throw new MynnException("cannot write " + target + ": its symbolic link cannot be read: " + describe(e));
            }
        }
        return p;
    }

    /**
     * @param abs where {@code target} resolves to ({@link #resolve})
     * @throws MynnException when it exists and is not a regular file (a folder, a device, a pipe, a socket)
     */
    public static void checkTarget(Path target, Path abs) {
        String kind = kind(abs);
        if (kind != null) {
            throw new MynnException("cannot write " + target + ": it is " + kind + (kind.equals("a folder") ? ""
                    : ", not a regular file"));
        }
    }

    /** @return what {@code p} is when it exists and is not a regular file ("a folder", "a character device", ...), else null */
    public static String kind(Path p) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
        if (a.isRegularFile()) {
            return null;
        }
        if (a.isDirectory()) {
            return "a folder";
        }
        try {
            int type = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            switch (type) {
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0010000: return "a named pipe (FIFO)";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view: say less
        }
        return "a device, pipe or socket";
    }

    /**
     * @throws MynnException when {@code dir} (the folder {@code target} goes into) is missing, not a folder or not
     *                       writable
     */
    public static void checkWritableFolder(Path target, Path dir) {
        if (dir == null) {
            throw new MynnException("cannot write " + target + ": it has no parent folder");
        }
        if (!Files.exists(dir)) {
            throw new MynnException("cannot write " + target + ": folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new MynnException("cannot write " + target + ": " + dir + " is not a folder");
        }
        if (!Files.isWritable(dir)) {
            throw new MynnException("cannot write " + target + ": folder " + dir + " is not writable");
        }
    }

    /**
     * Like {@link #checkWritableFolder} but sure: creates and deletes a temporary file in the folder, which catches
     * what permission bits do not show (a read-only file system, a folder root may not write to). For use before
     * long work whose result would otherwise be lost.
     *
     * @throws MynnException when nothing can be written there
     */
    public static void probeWritableFolder(Path target, Path dir) {
        checkWritableFolder(target, dir);
        try {
            Files.delete(Files.createTempFile(dir, ".mynn-probe-", ".tmp"));
        } catch (AccessDeniedException e) {
            throw new MynnException("cannot write " + target + ": folder " + dir + " is not writable");
        } catch (IOException e) {
            throw new MynnException("cannot write " + target + ": " + describe(e));
        }
    }

    /**
     * Everything that can be checked about writing {@code target} before long work starts: a name, a regular file
     * or none yet (links followed), a folder that exists and takes new files.
     *
     * @return where it will really be written ({@link #resolve})
     * @throws MynnException saying what is wrong
     */
    public static Path checkOutput(Path target) {
        Path abs = resolve(target);
        checkTarget(target, abs);
        probeWritableFolder(target, abs.getParent());
        return abs;
    }

    static String describe(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
