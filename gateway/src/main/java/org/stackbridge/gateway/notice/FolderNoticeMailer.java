package org.stackbridge.gateway.notice;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.stackbridge.core.port.Notices;

/**
 * E-mail notices written to a folder instead of an SMTP server ({@code notices.mail-folder}, for the demo and trials):
 * each message as an RFC 822 file {@code <Message-ID>.eml} (Angus Mail {@code MimeMessage.writeTo}), written to a
 * temporary file in the folder and renamed, so a reader never sees half a message. A resend (after a crash) writes the
 * same file again: the name comes from the Message-ID.
 */
public final class FolderNoticeMailer implements NoticeMailer {

    private final Path folder;
    private final Session session = Session.getInstance(new Properties());
    private final InternetAddress from;

    public FolderNoticeMailer(Path folder, String from) {
        try {
            this.folder = Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("notices.mail-folder: cannot create " + folder, e);
        }
        this.from = MimeNotices.sender(from);
    }

    public Path folder() {
        return folder;
    }

    /** The file a notice is written to: its Message-ID without the angle brackets, other unsafe characters as '_'. */
    public static String fileName(String messageId) {
        String bare = messageId.replaceAll("^<|>$", "");
        return bare.replaceAll("[^A-Za-z0-9._@+-]", "_") + ".eml";
    }

    @Override
    public Connection connect() {
        return new Connection() {
            @Override
            public void send(Notices.NoticeRecord n) throws Exception {
                MimeMessage m = MimeNotices.message(session, from, n);
                Path target = folder.resolve(fileName(n.messageId()));
                Path temp = Files.createTempFile(folder, ".notice-", ".tmp");
                try {
                    try (OutputStream out = Files.newOutputStream(temp)) {
                        m.writeTo(out);
                    }
                    try {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(temp);
                }
            }

            @Override
            public void close() {
                // nothing held open
            }
        };
    }
}
