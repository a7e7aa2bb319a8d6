// Pulumi entry (kms-rotation/pulumi): not built yet.

export {};
