/**
 * ECDSA verification on the RFC 5639 brainpool curves, which WebCrypto does not implement but European and some
 * Asian CAs issue. Plain BigInt arithmetic in Jacobian coordinates: verification handles only public data, so
 * constant time does not matter here. Used only when WebCrypto has no such curve.
 */
interface Curve {
  readonly name: string;
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly gx: bigint;
  readonly gy: bigint;
  readonly n: bigint;
}

/** Domain parameters from `openssl ecparam -name brainpoolP…r1 -param_enc explicit` (RFC 5639 §3.4-3.7). */
export const BRAINPOOL: Readonly<Record<string, Curve>> = {
  '1.3.36.3.3.2.8.1.1.7': {
    name: 'brainpoolP256r1',
    p: 0xA9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377n,
    a: 0x7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9n,
    b: 0x26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6n,
    gx: 0x8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262n,
    gy: 0x547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997n,
    n: 0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7n,
  },
  '1.3.36.3.3.2.8.1.1.11': {
    name: 'brainpoolP384r1',
    p: 0x8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53n,
    a: 0x7BC382C63D8C150C3C72080ACE05AFA0C2BEA28E4FB22787139165EFBA91F90F8AA5814A503AD4EB04A8C7DD22CE2826n,
    b: 0x04A8C7DD22CE28268B39B55416F0447C2FB77DE107DCD2A62E880EA53EEB62D57CB4390295DBC9943AB78696FA504C11n,
    gx: 0x1D1C64F068CF45FFA2A63A81B7C13F6B8847A3E77EF14FE3DB7FCAFE0CBD10E8E826E03436D646AAEF87B2E247D4AF1En,
    gy: 0x8ABE1D7520F9C2A45CB1EB8E95CFD55262B70B29FEEC5864E19C054FF99129280E4646217791811142820341263C5315n,
    n: 0x8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B31F166E6CAC0425A7CF3AB6AF6B7FC3103B883202E9046565n,
  },
  '1.3.36.3.3.2.8.1.1.13': {
    name: 'brainpoolP512r1',
    p: 0xAADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA703308717D4D9B009BC66842AECDA12AE6A380E62881FF2F2D82C68528AA6056583A48F3n,
    a: 0x7830A3318B603B89E2327145AC234CC594CBDD8D3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CAn,
    b: 0x3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CADC083E67984050B75EBAE5DD2809BD638016F723n,
    gx: 0x81AEE4BDD82ED9645A21322E9C4C6A9385ED9F70B5D916C1B43B62EEF4D0098EFF3B1F78E2D0D48D50D1687B93B97D5F7C6D5047406A5E688B352209BCB9F822n,
    gy: 0x7DDE385D566332ECC0EABFA9CF7822FDF209F70024A57B1AA000C55B881F8111B2DCDE494A5F485E5BCA4BD88A2763AED1CA2B2FA8F0540678CD1E0F3AD80892n,
    n: 0xAADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330870553E5C414CA92619418661197FAC10471DB1D381085DDADDB58796829CA90069n,
  },
};

type Jacobian = [bigint, bigint, bigint];
const INFINITY: Jacobian = [1n, 1n, 0n];

function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

function inverse(x: bigint, m: bigint): bigint {
  let [a, b, u, v] = [mod(x, m), m, 1n, 0n];
  while (a !== 0n) {
    const q = b / a;
    [a, b] = [b - q * a, a];
    [u, v] = [v - q * u, u];
  }
  if (b !== 1n) throw new RangeError('not invertible');
  return mod(v, m);
}

function double(c: Curve, [x, y, z]: Jacobian): Jacobian {
  if (z === 0n || y === 0n) return INFINITY;
  const { p } = c;
  const yy = (y * y) % p;
  const s = (4n * x * yy) % p;
  const zz = (z * z) % p;
  const m = (3n * x * x + c.a * ((zz * zz) % p)) % p;
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * ((yy * yy) % p), p);
  const z3 = (2n * y * z) % p;
  return [x3, y3, z3];
}

function add(c: Curve, P: Jacobian, Q: Jacobian): Jacobian {
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const { p } = c;
  const [x1, y1, z1] = P;
  const [x2, y2, z2] = Q;
  const z1z1 = (z1 * z1) % p;
  const z2z2 = (z2 * z2) % p;
  const u1 = (x1 * z2z2) % p;
  const u2 = (x2 * z1z1) % p;
  const s1 = (y1 * z2 * z2z2) % p;
  const s2 = (y2 * z1 * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? double(c, P) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (h * hh) % p;
  const v = (u1 * hh) % p;
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = (z1 * z2 * h) % p;
  return [x3, y3, z3];
}

/** u1·G + u2·Q by Shamir's trick (one pass over the bits). */
function twoMul(c: Curve, u1: bigint, G: Jacobian, u2: bigint, Q: Jacobian): Jacobian {
  const GQ = add(c, G, Q);
  let R = INFINITY;
  const bits = Math.max(u1.toString(2).length, u2.toString(2).length);
  for (let i = bits - 1; i >= 0; i--) {
    R = double(c, R);
    const b1 = (u1 >> BigInt(i)) & 1n;
    const b2 = (u2 >> BigInt(i)) & 1n;
    if (b1 && b2) R = add(c, R, GQ);
    else if (b1) R = add(c, R, G);
    else if (b2) R = add(c, R, Q);
  }
  return R;
}

function toBigInt(b: Uint8Array): bigint {
  let x = 0n;
  for (const v of b) x = (x << 8n) | BigInt(v);
  return x;
}

/**
 * Verifies an ECDSA signature (raw r‖s) over a message digest with an uncompressed public point (04‖x‖y).
 * Undefined when the key is not usable (compressed or off-curve point).
 */
export function verifyBrainpool(curveOid: string, point: Uint8Array, digest: Uint8Array, r: bigint, s: bigint): boolean | undefined {
  const c = BRAINPOOL[curveOid];
  if (!c) return undefined;
  const size = (c.p.toString(16).length + 1) >> 1;
  if (point.length !== 1 + 2 * size || point[0] !== 0x04) return undefined;
  const qx = toBigInt(point.subarray(1, 1 + size));
  const qy = toBigInt(point.subarray(1 + size));
  if (mod(qy * qy - (qx * qx * qx + c.a * qx + c.b), c.p) !== 0n) return undefined;
  if (r <= 0n || r >= c.n || s <= 0n || s >= c.n) return false;
  // The digest's leftmost bits, as many as n has (SEC 1 §4.1.4 step 5).
  const nBits = c.n.toString(2).length;
  let e = toBigInt(digest);
  const dBits = digest.length * 8;
  if (dBits > nBits) e >>= BigInt(dBits - nBits);
  const w = inverse(s, c.n);
  const X = twoMul(c, mod(e * w, c.n), [c.gx, c.gy, 1n], mod(r * w, c.n), [qx, qy, 1n]);
  if (X[2] === 0n) return false;
  const zinv = inverse(X[2], c.p);
  const x = (X[0] * zinv * zinv) % c.p;
  return mod(x, c.n) === r;
}
