// A Pulumi program declaring key rotation with kms-rotation's RotationPolicy resource.
// `pulumi up` makes each key rotate as declared; `pulumi refresh` shows changes made by hand.
import { RotationPolicy } from "kms-rotation/pulumi";

export const ordersDb = new RotationPolicy("orders-db", {
  key: "alias/orders-db",
  region: "cn-hangzhou",
  rotation: { mode: "automatic", interval: "90d" },
}).keyId;

export const paymentsSigner = new RotationPolicy("payments-signer", {
  key: "alias/payments-signer",
  region: "cn-shanghai",
  rotation: { mode: "manual", interval: "180d" },
}).keyId;
