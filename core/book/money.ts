/** Whole VND the Vietnamese way, as the paper book and its prints write it: 4.000 đồng. */
export function formatVnd(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}
