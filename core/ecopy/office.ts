/**
 * The certifying office as structured data (DOMAIN.md "Office names"): since 1 July 2025 local government has two
 * levels, province and commune (xã, phường, đặc khu). The statement's header, its place line and the display name
 * kept in the copy's data all derive from this one record, so they can never disagree. District-level names
 * (an office under a district, or a district's own office) belong only to copies dated before the reform.
 */
import { SaoyError } from '../errors.js';

export const COMMUNE_KINDS = ['xã', 'phường', 'đặc khu'] as const;
/** District-level units abolished on 1 July 2025. */
export const DISTRICT_KINDS = ['huyện', 'quận', 'thị xã', 'thành phố'] as const;
export type CommuneKind = (typeof COMMUNE_KINDS)[number];
export type DistrictKind = (typeof DISTRICT_KINDS)[number];
export type OfficeKind = CommuneKind | DistrictKind;

/** First day of the two-level local government (Resolution 202/2025/QH15). */
export const TWO_LEVEL_FROM = '2025-07-01';

/** Centrally-run cities: "thành phố Huế", every other province "tỉnh …". */
const CITIES = ['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

export interface Office {
  /** xã, phường, đặc khu; a district-level kind only for copies dated before 2025-07-01. */
  kind: OfficeKind;
  /** The unit's own name, e.g. "Hạc Thành". */
  name: string;
  /** The province or centrally-run city, e.g. "Thanh Hóa", "Hà Nội". */
  province: string;
  /** The district the commune belonged to, only before 2025-07-01, e.g. { kind: 'thành phố', name: 'Thanh Hóa' }. */
  district?: { kind: DistrictKind; name: string };
}

const nfc = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const isCommune = (k: string): k is CommuneKind => (COMMUNE_KINDS as readonly string[]).includes(k);
const isDistrict = (k: string): k is DistrictKind => (DISTRICT_KINDS as readonly string[]).includes(k);

function officeError(en: string, vi: string): SaoyError {
  return new SaoyError('FIELD_INVALID', `the office is invalid: ${en}`, `Tên cơ quan thực hiện chứng thực không hợp lệ: ${vi}`);
}

/** "tỉnh Thanh Hóa" or "thành phố Hà Nội". */
export function provinceName(province: string): string {
  const p = nfc(province).replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '');
  return `${CITIES.some((c) => c.toLocaleLowerCase('vi') === p.toLocaleLowerCase('vi')) ? 'thành phố' : 'tỉnh'} ${p}`;
}

/**
 * Checks and normalises an office for a copy dated `date` (ISO): kind known, names present, and no district
 * level on or after 2025-07-01.
 */
export function checkOffice(o: Office, date: string): Office {
  if (typeof o !== 'object' || o === null) throw officeError('missing', 'chưa có');
  const kind = nfc(String(o.kind ?? '')).toLocaleLowerCase('vi');
  const name = nfc(String(o.name ?? ''));
  const province = nfc(String(o.province ?? '')).replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '');
  if (!isCommune(kind) && !isDistrict(kind)) {
    throw officeError(`kind "${kind}" is not xã, phường or đặc khu`, `cấp "${kind}" không phải xã, phường hoặc đặc khu`);
  }
  if (!name) throw officeError('the name of the commune or ward is missing', 'chưa nhập tên xã, phường');
  if (!province) throw officeError('the province is missing', 'chưa nhập tên tỉnh, thành phố');
  const beforeReform = date < TWO_LEVEL_FROM;
  if (isDistrict(kind) && !beforeReform) {
    throw officeError(
      `district-level units (${kind} ${name}) no longer exist since ${TWO_LEVEL_FROM}`,
      `đơn vị cấp huyện (${kind} ${name}) không còn từ ngày 01/7/2025`,
    );
  }
  let district: Office['district'];
  if (o.district) {
    const dk = nfc(String(o.district.kind ?? '')).toLocaleLowerCase('vi');
    const dn = nfc(String(o.district.name ?? ''));
    if (!beforeReform) {
      throw officeError(`districts were abolished on ${TWO_LEVEL_FROM}: leave "${dk} ${dn}" out`, `từ ngày 01/7/2025 không còn cấp huyện: bỏ "${dk} ${dn}"`);
    }
    if (!isDistrict(dk) || !dn) throw officeError(`"${dk} ${dn}" is not a district`, `"${dk} ${dn}" không phải đơn vị cấp huyện`);
    district = { kind: dk, name: dn };
  }
  return { kind, name, province, ...(district ? { district } : {}) };
}

/** "Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa": the full name kept in the copy's data (XMP `office`). */
export function officeDisplayName(o: Office): string {
  const parts = [`Ủy ban nhân dân ${o.kind} ${o.name}`];
  if (o.district) parts.push(`${o.district.kind} ${o.district.name}`);
  parts.push(provinceName(o.province));
  return parts.join(', ');
}

/** The header as administrative documents write it (Decree 30/2020): "ỦY BAN NHÂN DÂN" over "PHƯỜNG HẠC THÀNH". */
export function officeHeader(o: Office): [string, string] {
  return ['ỦY BAN NHÂN DÂN', `${o.kind} ${o.name}`.toLocaleUpperCase('vi')];
}

/** The place of the place-and-date line: the unit's own name ("Hạc Thành, ngày …"). */
export function officePlace(o: Office): string {
  return o.name;
}

/**
 * Reads a display name back ("Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa", "UBND xã Nga Sơn, tỉnh Thanh
 * Hóa", with a district before the reform); undefined for anything else. Lets callers that stored the office as
 * one line (books opened before offices were structured) keep working.
 */
export function parseOfficeName(s: string): Office | undefined {
  const parts = nfc(s).split(/\s*,\s*/);
  if (parts.length < 2 || parts.length > 3) return undefined;
  const head = /^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+(xã|phường|đặc khu|huyện|quận|thị xã|thành phố)\s+(.+)$/iu.exec(parts[0]);
  if (!head) return undefined;
  const kind = head[1].toLocaleLowerCase('vi');
  const prov = /^(tỉnh|thành phố|tp\.?)\s+(.+)$/iu.exec(parts[parts.length - 1]);
  if (!prov) return undefined;
  let district: Office['district'];
  if (parts.length === 3) {
    const d = /^(huyện|quận|thị xã|thành phố)\s+(.+)$/iu.exec(parts[1]);
    if (!d) return undefined;
    district = { kind: d[1].toLocaleLowerCase('vi') as DistrictKind, name: d[2] };
  }
  return { kind: kind as OfficeKind, name: head[2], province: prov[2], ...(district ? { district } : {}) };
}
