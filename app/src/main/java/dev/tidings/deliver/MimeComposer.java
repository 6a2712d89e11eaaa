package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;

/** STUB: to be implemented by the deliver work. */
public final class MimeComposer {
    /** The complete RFC 5322 message, CRLF line ends, as a transport would send it. */
    public byte[] toBytes(OutgoingMail mail) throws DeliveryException {
        throw new UnsupportedOperationException("stub");
    }
}
