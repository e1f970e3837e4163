"""国有土地上房屋征收 and 保障性住房: published records on the one workflow (decision 0023)."""
