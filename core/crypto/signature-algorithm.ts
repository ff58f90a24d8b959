/** The key algorithms saoy signs with (always with SHA-256): RSA PKCS#1 v1.5, or ECDSA on P-256. */
export type SignatureAlgorithm = 'RSASSA-PKCS1-v1_5' | 'ECDSA-P256';
