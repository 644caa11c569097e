/**
 * The demo accounts' password hashes (DEMO_ACCOUNTS in demoSeed.ts), made once with hashPassword at
 * HASH_PARAMS. The first-run seed used to compute seven scrypt hashes (128 MiB each) while the first
 * page was being served, which kept both cores of a small machine busy for about two seconds and held
 * the first sign-in form back; the test suites seeded them again for every database they made.
 *
 * Demo only: these passwords are published in the README, so a fixed salt per account reveals nothing.
 * A real database never gets these rows. demoHashes.test.ts checks that each one verifies with its
 * account's password at today's HASH_PARAMS, and prints fresh lines for this table when it does not.
 */
export const DEMO_PASSWORD_HASHES = {
  hostAdmin: 'scrypt$v=1$N=131072,r=8,p=1$LB59thvmLiiNvL7zmjT+Bw==$S9MEqrITNZOFj7L+JyFWAHKWi7optoofULtXB3Rh6QE=',
  supervisor: 'scrypt$v=1$N=131072,r=8,p=1$pOzVkAYYmJdCiUYSIfq30w==$ca+zPBGHbey/W7jO851IOk5/n90Cm1kp+Qdv5xystmE=',
  technician: 'scrypt$v=1$N=131072,r=8,p=1$7POQ1YS+fPz1PsoysYV83A==$JxGofcRwtYdLT5ER/SjOCPclofDo0KiTO1mbSOkn21k=',
  locked: 'scrypt$v=1$N=131072,r=8,p=1$+MZFtF+RdTOW5Z9KltExGQ==$YCdVBPgVg2wrB0zq2fFHNRNj+x4gRv7qsjbY9SxnoIk=',
  northwindAdmin: 'scrypt$v=1$N=131072,r=8,p=1$bkA7uKr++xZsSWexGzclig==$NRu/xK9IUHdu9X2TWuy8tZClg89j9LeuVDXtDsuJ7AQ=',
  expired: 'scrypt$v=1$N=131072,r=8,p=1$Flj3BJl1oaTIOQ9APE2B0w==$Of4HCa1GgCzOrP9o374h8JqX4vGP8Rj6pHNDnhNzYBo=',
  expiring: 'scrypt$v=1$N=131072,r=8,p=1$eNi9cLtnVu/QP2iyHPF//g==$5f7FFt1bqP30mtqBGlSUYNkt25rLB/KEyW6v8to0bgA=',
} as const;
