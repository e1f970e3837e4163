"""Government procurement: processes from 采购意向 to 合同公告, their notices, and OCDS 1.1 output."""
