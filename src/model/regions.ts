// The regions Alibaba Cloud KMS is offered in (the service's endpoint list, 2026). Only for hints: a
// region not listed here is warned about, never refused, so a region opened later still works.

/**
 * The region a run uses when nothing names one: the local provider's and the emulator's, and the home
 * of an import. (An `alibaba` provider always names its region.)
 */
export const DEFAULT_REGION = "cn-hangzhou";

export const KNOWN_REGIONS: readonly string[] = [
  "cn-qingdao",
  "cn-beijing",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-wulanchabu",
  "cn-hangzhou",
  "cn-shanghai",
  "cn-nanjing",
  "cn-fuzhou",
  "cn-shenzhen",
  "cn-heyuan",
  "cn-guangzhou",
  "cn-chengdu",
  "cn-hongkong",
  "cn-shanghai-finance-1",
  "cn-shenzhen-finance-1",
  "cn-beijing-finance-1",
  "cn-north-2-gov-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-3",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "us-east-1",
  "us-west-1",
  "eu-west-1",
  "eu-central-1",
  "me-east-1",
  "me-central-1",
];
