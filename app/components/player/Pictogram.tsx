/** A pictogram beside an option (decorative: the label says the same). */
export function Pictogram({ name }: { name?: string }) {
  if (!name) return null;
  return <img className="pictogram" src={`/pictograms/${name}.svg`} alt="" width={40} height={40} />;
}
