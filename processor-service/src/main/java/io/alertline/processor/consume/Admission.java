package io.alertline.processor.consume;

/** What the {@link RecordGate} makes of a record: admitted to the actions, or rejected. */
public sealed interface Admission permits AdmittedRecord, Rejection {
}
