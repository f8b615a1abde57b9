/**
 * A small button acting on one row or item of a list (編集, 削除, 上へ …). The visible label is short; `item`
 * completes it for screen readers, so that a list of 削除 buttons reads 「削除（市民課）」, 「削除（環境課）」.
 */
export function ItemButton({
  label,
  item,
  onClick,
  danger = false,
  className,
  disabled,
}: {
  label: string;
  item: string;
  onClick: () => void;
  /** Destructive (削除): drawn as red text. */
  danger?: boolean;
  className?: string;
  disabled?: boolean;
}) {
  const kind = danger ? 'button--danger-text' : 'button--secondary';
  return (
    <button
      type="button"
      className={`button ${kind} button--small${className ? ` ${className}` : ''}`}
      onClick={onClick}
      disabled={disabled}
    >
      {label}
      <span className="visually-hidden">（{item}）</span>
    </button>
  );
}
